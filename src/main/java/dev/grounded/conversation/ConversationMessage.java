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
        Instant createdAt) {

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
