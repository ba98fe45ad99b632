package dev.grounded.conversation;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.grounded.handoff.HandoffReason;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A message in a conversation. A bot message carries how it came about: the reply's outcome, the provider that
 * answered, whether it was degraded, the handoff decision, its latency and its full trace (retrieved chunks with
 * scores, provider attempts, milliseconds per stage) as JSON.
 *
 * @param delivery for a message sent over WhatsApp: {@code queued}, {@code sent}, {@code delivered}, {@code read} or
 *     {@code failed}; null for other channels
 * @param deliveryError why it failed, in the provider's words
 * @param attachment an inbound media message's metadata as JSON (kind, mime type, file name, provider media id)
 */
public record ConversationMessage(
        UUID id,
        Role role,
        String text,
        String language,
        String outcome,
        String provider,
        boolean degraded,
        HandoffReason handoffReason,
        Long latencyMs,
        @JsonRawValue String trace,
        String author,
        Instant createdAt,
        String delivery,
        String deliveryError,
        @JsonRawValue String attachment) {

    public enum Role {
        CUSTOMER,
        BOT,
        AGENT;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
