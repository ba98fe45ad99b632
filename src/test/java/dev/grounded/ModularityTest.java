package dev.grounded;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Capabilities depend on each other only through their root packages, and never in a cycle. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(GroundedApplication.class);

    @Test
    void capabilitiesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
