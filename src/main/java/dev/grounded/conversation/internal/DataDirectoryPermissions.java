package dev.grounded.conversation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The data directory holds customers' conversations, the documents and, by default, the data key: only the account
 * the server runs as may enter it (0700), and what is in it is readable by that account alone (0600). Files created
 * later (new index segments) are behind the directory's permissions whatever their own.
 */
@Component
class DataDirectoryPermissions implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dataDir;

    DataDirectoryPermissions(@Value("${grounded.data-dir:./data}") String dataDir) {
        this.dataDir = Path.of(dataDir);
    }

    @Override
    public void run(ApplicationArguments args) {
        tighten(dataDir);
    }

    static void tighten(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(directory, DIRECTORY);
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    if (Files.isSymbolicLink(entry)) {
                        continue;
                    }
                    Files.setPosixFilePermissions(entry, Files.isDirectory(entry) ? DIRECTORY : FILE);
                }
            }
        } catch (UnsupportedOperationException e) {
            log.debug("No POSIX permissions for {}", directory);
        } catch (IOException e) {
            log.warn("Could not restrict the permissions of the data directory {}: {}", directory, e.toString());
        }
    }
}
