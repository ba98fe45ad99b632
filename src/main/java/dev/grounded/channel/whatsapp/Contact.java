package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer as one connection knows them.
 *
 * @param identifier their number or WhatsApp id in clear (decrypted for sending; never logged)
 * @param masked for logs and display
 * @param lastInboundAt their last message: WhatsApp allows free-form replies for 24 hours after it
 */
public record Contact(
        UUID id,
        TenantId tenant,
        ConnectionId connection,
        String hash,
        String identifier,
        String masked,
        String language,
        boolean optedOut,
        Instant lastInboundAt) {

    public static final Duration WINDOW = Duration.ofHours(24);

    /** When the customer-service window closes (or closed); null if the customer never wrote. */
    public Instant windowClosesAt() {
        return lastInboundAt == null ? null : lastInboundAt.plus(WINDOW);
    }

    public boolean windowOpen(Instant now) {
        return lastInboundAt != null && windowClosesAt().isAfter(now);
    }

    @Override
    public String toString() {
        return "contact " + masked;
    }
}
