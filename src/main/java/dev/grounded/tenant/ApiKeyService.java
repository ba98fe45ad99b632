package dev.grounded.tenant;

import dev.grounded.tenant.internal.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Tenant API keys for the REST API. Only a SHA-256 digest is stored: keys are long random strings, so a fast digest is
 * enough and lookups stay a single indexed query.
 */
@Service
public class ApiKeyService {

    private static final String PREFIX = "grd_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeys keys;
    private final Clock clock;

    ApiKeyService(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Issues a new random key; the plain text is returned once and never stored. */
    public String issue(TenantId tenant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = PREFIX + HexFormat.of().formatHex(bytes);
        register(tenant, key);
        return key;
    }

    /** Registers a key chosen by the operator (GROUNDED_API_KEY); a no-op when it is registered already. */
    public void register(TenantId tenant, String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("An API key must have at least 16 characters");
        }
        keys.insertIfAbsent(tenant, digest(key), key.substring(0, Math.min(8, key.length())), clock.instant());
    }

    public Optional<TenantId> authenticate(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return keys.tenantOf(digest(key));
    }

    public int count(TenantId tenant) {
        return keys.count(tenant);
    }

    private static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
