package dev.grounded.channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in the outbox, for the dead-letter list and the inbox UI.
 *
 * @param status pending, sending, unknown (perhaps sent: being checked with the provider before it is sent again),
 *     sent or dead (given up: the error says why)
 * @param delivery what the provider reported after sending: sent, delivered, read or failed
 * @param customer the customer's number masked
 * @param reconciliation what was decided about a send whose outcome was unknown (found at the provider, confirmed by
 *     its status, or sent again after a bounded wait), else null
 */
public record OutboxEntry(
        UUID id,
        ConnectionId connection,
        UUID conversationId,
        UUID messageId,
        String customer,
        String kind,
        String text,
        String status,
        String delivery,
        int attempts,
        String errorCode,
        String error,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant sentAt,
        String reconciliation) {}
