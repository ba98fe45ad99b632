package dev.grounded.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Tenant API keys for the REST API. Only a SHA-256 digest is stored: keys are long random strings, so a fast digest is
 * enough and lookups stay a single indexed query.
 */
@Service
public class ApiKeyService {

    private static final String PREFIX = "grd_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeyService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
        String digest = digest(key);
        jdbc.sql("""
                        insert into api_key (id, tenant_id, key_hash, key_prefix, created_at)
                        select :id, :tenant, :hash, :prefix, :createdAt
                        where not exists (select 1 from api_key where key_hash = :hash)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant.value())
                .param("hash", digest)
                .param("prefix", key.substring(0, Math.min(8, key.length())))
                .param("createdAt", Timestamp.from(clock.instant()))
                .update();
    }

    public Optional<TenantId> authenticate(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select tenant_id from api_key where key_hash = :hash")
                .param("hash", digest(key))
                .query(String.class)
                .optional()
                .map(TenantId::of);
    }

    public int count(TenantId tenant) {
        return jdbc.sql("select count(*) from api_key where tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(Integer.class)
                .single();
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
