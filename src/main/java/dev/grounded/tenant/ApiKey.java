package dev.grounded.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as it is listed: never the key itself, only the first characters it starts with.
 *
 * @param lastUsedAt to the minute, or null when never used
 */
public record ApiKey(
        UUID id,
        TenantId tenant,
        String name,
        String prefix,
        Role role,
        Instant createdAt,
        String createdBy,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
