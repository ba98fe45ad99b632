package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationMessage;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Outcome;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * No passage reaches the confidence line: the bot says the knowledge does not cover the question and offers a person;
 * the second time in a row, a person takes over ({@code missing_knowledge}).
 */
@Component
@Order(600)
public class AdmitNotCovered implements ReplyStage {

    private final ReplyMessages messages;
    private final HandOver handOver;

    AdmitNotCovered(ReplyMessages messages, HandOver handOver) {
        this.messages = messages;
        this.handOver = handOver;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        return turn.relevant().isEmpty() ? Optional.of(notCovered(turn)) : Optional.empty();
    }

    /** Not covered; when the bot's previous reply in this conversation was not covered either, a person. */
    public Reply notCovered(Turn turn) {
        boolean again = turn.history().reversed().stream()
                .filter(m -> m.role() != ConversationMessage.Role.CUSTOMER)
                .findFirst()
                .map(m -> Outcome.NOT_COVERED.code().equals(m.outcome()))
                .orElse(false);
        if (again && turn.live()) {
            return handOver.reply(
                    turn, HandoffReason.MISSING_KNOWLEDGE, "two questions in a row the knowledge does not cover");
        }
        return Reply.notCovered(messages.get("not-covered", turn.language()), turn.language(), turn.made());
    }
}
