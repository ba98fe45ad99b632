package dev.grounded.conversation;

import dev.grounded.handoff.HandoffReason;

/**
 * What the bot replied, to be stored with the conversation.
 *
 * @param text null when the bot stayed silent
 * @param handoffReason the handoff decided with this reply, or null
 * @param trace the reply's trace as JSON
 */
public record BotMessage(
        String text,
        String language,
        String outcome,
        String provider,
        boolean degraded,
        HandoffReason handoffReason,
        String handoffDetail,
        long latencyMs,
        String trace) {}
