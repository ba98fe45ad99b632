package dev.grounded.channel;

import dev.grounded.conversation.ConversationId;
import dev.grounded.tenant.TenantId;

/** Messages were put in the outbox (a template, a retried dead letter): the sender looks now, not at its next poll. */
public record OutboxQueued(TenantId tenant, ConversationId conversation) {}
