package dev.grounded.reply;

import dev.grounded.conversation.ConversationId;
import dev.grounded.tenant.TenantId;

/**
 * A question that no chat provider could answer when asked has been answered now that one is back; the channel the
 * conversation came through delivers the reply.
 */
public record ParkedQuestionAnswered(TenantId tenant, ConversationId conversation, Reply reply) {}
