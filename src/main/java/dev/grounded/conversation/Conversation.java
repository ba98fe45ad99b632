package dev.grounded.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;
import java.time.Instant;

/**
 * One session with a customer.
 *
 * @param customer the customer's identifier masked for display (such as {@code +34•••••3456}), or null when anonymous
 * @param handoffReason why it went to a person, while it is with one or waiting for one
 * @param agent who took it over, while an agent owns it
 */
public record Conversation(
        ConversationId id,
        @JsonIgnore TenantId tenant,
        Channel channel,
        String customer,
        ConversationState state,
        HandoffReason handoffReason,
        String agent,
        Instant startedAt,
        Instant lastActivityAt) {}
