package dev.grounded.reply.internal;

import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationState;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Handoff;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** While an agent owns the conversation, the bot says nothing. */
@Component
@Order(100)
class StaySilentWhileAgentOwns implements ReplyStage {

    @Override
    public Optional<Reply> reply(Turn turn) {
        Conversation conversation = turn.conversation();
        if (conversation.state() != ConversationState.WITH_AGENT) {
            return Optional.empty();
        }
        return Optional.of(Reply.silent(
                turn.language(),
                new Handoff(
                        true,
                        conversation.handoffReason() != null
                                ? conversation.handoffReason()
                                : HandoffReason.CUSTOMER_REQUEST,
                        "an agent (" + conversation.agent() + ") owns this conversation",
                        null),
                turn.made()));
    }
}
