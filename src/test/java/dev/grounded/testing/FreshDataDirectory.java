package dev.grounded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A data directory of the test's own: an application context started without one would open the checkout's
 * {@code data/}, a developer's own database and data key.
 */
public final class FreshDataDirectory {

    private FreshDataDirectory() {}

    public static void register(DynamicPropertyRegistry registry, String name) {
        try {
            Path directory = Files.createTempDirectory(name);
            registry.add("grounded.data-dir", directory::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
