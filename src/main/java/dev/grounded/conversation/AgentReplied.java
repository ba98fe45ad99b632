package dev.grounded.conversation;

import dev.grounded.tenant.TenantId;

/** An agent wrote to the customer; the channel the conversation came through delivers it. */
public record AgentReplied(TenantId tenant, ConversationId conversation, String agent, String text) {}
