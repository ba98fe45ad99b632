package dev.grounded.conversation;

import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;

/** A conversation started waiting for a person (published once per handoff, not for every message after it). */
public record HandoffRequested(TenantId tenant, ConversationId conversation, HandoffReason reason, String detail) {}
