package dev.grounded.tenant;

import dev.grounded.tenant.internal.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenant API keys for the REST API, created with a name and the role they act in, shown once, listed by prefix,
 * revoked and rotated. Only a SHA-256 digest is stored: keys are long random strings, so a fast digest is enough and
 * a lookup stays one indexed query.
 */
@Service
public class ApiKeyService {

    private static final String PREFIX = "grd_";
    private static final int SHOWN = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just made: its text is here, and nowhere else, ever again. */
    public record IssuedKey(ApiKey key, String secret) {}

    private final ApiKeys keys;
    private final Permissions permissions;
    private final Clock clock;

    ApiKeyService(ApiKeys keys, Permissions permissions, Clock clock) {
        this.keys = keys;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** A new random key acting in {@code role}. */
    @Transactional
    public IssuedKey create(TenantId tenant, String name, Role role) {
        permissions.require(tenant, Permission.MANAGE_API_KEYS);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new IllegalArgumentException("An API key needs a name of 1 to 100 characters, such as CRM sync");
        }
        if (role == null || role == Role.OPERATOR) {
            throw new IllegalArgumentException("An API key acts as ADMIN, AGENT or QA");
        }
        String secret = randomKey();
        ApiKey key = key(tenant, label, secret, role);
        keys.insertIfAbsent(key, digest(secret));
        return new IssuedKey(key, secret);
    }

    /** The first key of a tenant without one, at start-up, printed once. */
    public String bootstrap(TenantId tenant) {
        String secret = randomKey();
        keys.insertIfAbsent(key(tenant, "First key (printed at start-up)", secret, Role.ADMIN), digest(secret));
        return secret;
    }

    /**
     * Registers a key the operator chose ({@code GROUNDED_API_KEY}) under {@code name}. A key registered once is never
     * registered again, so a key revoked in the console stays revoked; a different key under the same name replaces
     * the one before it, which is revoked.
     */
    @Transactional
    public void registerFromEnvironment(TenantId tenant, String name, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("An API key must have at least 16 characters");
        }
        String digest = digest(secret);
        if (keys.insertIfAbsent(key(tenant, name, secret, Role.ADMIN), digest)) {
            keys.revokeNamedExcept(tenant, name, digest, clock.instant());
        }
    }

    public List<ApiKey> list(TenantId tenant) {
        permissions.require(tenant, Permission.MANAGE_API_KEYS);
        return keys.ofTenant(tenant);
    }

    /** @return false when the tenant has no active key by that id */
    public boolean revoke(TenantId tenant, UUID id) {
        permissions.require(tenant, Permission.MANAGE_API_KEYS);
        return keys.revoke(tenant, id, clock.instant());
    }

    /** A new key with the old one's name and role; the old one stops working at once. */
    @Transactional
    public Optional<IssuedKey> rotate(TenantId tenant, UUID id) {
        permissions.require(tenant, Permission.MANAGE_API_KEYS);
        Optional<ApiKey> old = keys.find(tenant, id).filter(ApiKey::active);
        if (old.isEmpty() || !keys.revoke(tenant, id, clock.instant())) {
            return Optional.empty();
        }
        String secret = randomKey();
        ApiKey key = key(tenant, old.get().name(), secret, old.get().role());
        keys.insertIfAbsent(key, digest(secret));
        return Optional.of(new IssuedKey(key, secret));
    }

    /** The caller an active key stands for. */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = keys.active(digest(secret));
        key.ifPresent(k -> keys.used(k.id(), clock.instant()));
        return key.map(k -> Caller.apiKey(k.tenant(), k.prefix(), k.role()));
    }

    public int countActive(TenantId tenant) {
        return keys.countActive(tenant);
    }

    private ApiKey key(TenantId tenant, String name, String secret, Role role) {
        String createdBy = permissions.current().map(Caller::name).orElse(null);
        return new ApiKey(
                UUID.randomUUID(),
                tenant,
                name,
                // A generated key shows its first 12 characters (8 random ones); a chosen one, a quarter at most.
                secret.substring(
                        0,
                        secret.startsWith(PREFIX) && secret.length() > 60 ? SHOWN : Math.min(8, secret.length() / 4)),
                role,
                clock.instant(),
                createdBy,
                null,
                null);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
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
