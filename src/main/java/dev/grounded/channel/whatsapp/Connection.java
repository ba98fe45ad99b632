package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.Provider;
import dev.grounded.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/** A connection with its secrets in clear, for verifying webhooks and calling the provider; never leaves the server. */
public record Connection(
        ConnectionId id,
        TenantId tenant,
        Provider provider,
        String name,
        Map<String, String> identifiers,
        Map<String, String> secrets,
        String sessionStatus,
        Instant createdAt) {

    public String identifier(String key) {
        return identifiers.getOrDefault(key, "");
    }

    public String secret(String key) {
        return secrets.getOrDefault(key, "");
    }

    @Override
    public String toString() {
        return provider.code() + " connection " + id + " of " + tenant;
    }
}
