package dev.grounded.conversation;

import dev.grounded.tenant.TenantId;
import java.util.UUID;

/**
 * An agent wrote to the customer; the channel the conversation came through delivers it. Published inside the
 * transaction that stores the message, so a channel that cannot deliver it (a closed window, an opted-out contact)
 * refuses it by throwing {@link CustomerUnreachableException}, and nothing is stored.
 *
 * @param messageId the stored message, whose delivery status the channel reports
 */
public record AgentReplied(TenantId tenant, ConversationId conversation, String agent, String text, UUID messageId) {}
