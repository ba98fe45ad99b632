package dev.grounded.conversation.internal;

import dev.grounded.conversation.ConversationProperties;
import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.conversation.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The key that protects customer identifiers at rest. The postgres profile runs several instances on one database, so
 * they must share a configured key ({@code GROUNDED_DATA_KEY}); the embedded profile, a single process with a data
 * directory, creates one there on first start so it works with no configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
class DataKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataKeyConfiguration.class);

    @Bean
    CustomerIdentifiers customerIdentifiers(
            @Value("${grounded.security.data-key:}") String configured,
            @Value("${grounded.security.data-key-file:${grounded.data-dir:./data}/data.key}") String keyFile,
            Environment environment) {
        return new CustomerIdentifiers(dataKey(configured, keyFile, environment));
    }

    /** Seals channel secrets (access tokens, app secrets) and stored webhook events. */
    @Bean
    SecretBox channelSecrets(
            @Value("${grounded.security.data-key:}") String configured,
            @Value("${grounded.security.data-key-file:${grounded.data-dir:./data}/data.key}") String keyFile,
            Environment environment) {
        return SecretBox.derived(dataKey(configured, keyFile, environment), "grounded channel secrets");
    }

    /**
     * @param keyFile where the embedded profile keeps its generated key: the data directory unless {@code
     *     GROUNDED_DATA_KEY_FILE} puts it elsewhere, so that a backup of the data need not carry its key
     */
    private static byte[] dataKey(String configured, String keyFile, Environment environment) {
        if (!configured.isBlank()) {
            return decode(configured.strip(), "grounded.security.data-key");
        }
        if (environment.acceptsProfiles(Profiles.of("postgres"))) {
            throw new IllegalStateException("Set GROUNDED_DATA_KEY (grounded.security.data-key) to 32 random bytes in"
                    + " base64, the same for every instance, for example from `openssl rand -base64 32`: it encrypts"
                    + " customers' phone numbers");
        }
        return embeddedKey(Path.of(keyFile).toAbsolutePath());
    }

    private static byte[] embeddedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "data", ".key");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("No POSIX permissions on {}", temporary);
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            Files.move(temporary, file);
            log.info(
                    "Created the data key that encrypts customer identifiers: {} (back it up with the database)", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the data key " + file, e);
        }
    }

    private static byte[] decode(String base64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length < 32) {
                Arrays.fill(key, (byte) 0);
                throw new IllegalStateException(where + " holds " + key.length + " bytes; the data key needs 32");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64", e);
        }
    }
}
