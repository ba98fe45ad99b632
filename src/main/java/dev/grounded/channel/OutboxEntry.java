package dev.grounded.channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in the outbox, for the dead-letter list and the inbox UI.
 *
 * @param status pending, sending, sent or dead (given up: the error says why)
 * @param delivery what the provider reported after sending: sent, delivered, read or failed
 * @param customer the customer's number masked
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
        Instant sentAt) {}
