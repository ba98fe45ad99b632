package dev.grounded;

import dev.grounded.evaluation.CommandOutput;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GroundedApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("eval")) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(GroundedApplication.class, args);
    }

    /**
     * The same jar runs the evaluation CLI: no web server, no log noise on stdout, and a benchmark on a fresh data
     * directory does not seed the demo tenants (whose ingestion would compete with it for the CPU).
     */
    private static int runCommand(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        var application = new SpringApplication(GroundedApplication.class);
        application.addInitializers(
                context -> context.getBeanFactory().registerSingleton("commandOutput", new CommandOutput(stdout)));
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of(
                "grounded.cli.command", "eval",
                "grounded.bootstrap.demo-tenant", String.valueOf(!(args.length > 1 && args[1].equals("beir"))),
                "logging.level.root", "WARN",
                // Vaadin's auto-configuration assumes a servlet container.
                "spring.autoconfigure.exclude",
                        "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                                + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
                "logging.level.dev.grounded", "WARN"));
        return SpringApplication.exit(application.run(args));
    }
}
