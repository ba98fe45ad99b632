package dev.grounded.channel;

import java.time.Instant;
import java.util.List;

/**
 * Whether an agent can write free-form to a WhatsApp customer now, and if not why, with the templates they may send.
 *
 * @param open free-form text may be sent now
 * @param closesAt when the 24-hour window closes (or closed); null for a provider without one (WAHA)
 * @param reason why it cannot, in words for the agent; null when it can
 */
public record CustomerWindow(
        ConnectionId connection,
        Provider provider,
        String customer,
        boolean open,
        Instant closesAt,
        boolean optedOut,
        String reason,
        List<MessageTemplate> templates) {}
