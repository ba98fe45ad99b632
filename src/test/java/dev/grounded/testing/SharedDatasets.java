package dev.grounded.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Material from outside the project in {@code ../shared/datasets}, read in place and never copied into the repository.
 * Absent, a test skips with a notice (fails under {@code CI=true}, where it is always there).
 */
public final class SharedDatasets {

    private SharedDatasets() {}

    public static Path path(String relative) {
        Path base = Path.of(System.getProperty("grounded.shared-datasets", "../shared/datasets"));
        Path file = base.resolve(relative);
        if (!Files.exists(file)) {
            String notice = file.toAbsolutePath().normalize() + " is missing: tests on shared datasets need ../shared";
            if ("true".equals(System.getenv("CI"))) {
                fail(notice);
            }
            System.err.println("SKIPPED: " + notice);
            assumeTrue(false, notice);
        }
        return file;
    }
}
