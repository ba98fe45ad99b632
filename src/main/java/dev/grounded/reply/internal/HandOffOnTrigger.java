package dev.grounded.reply.internal;

import dev.grounded.handoff.HandoffTriggers;
import dev.grounded.reply.Reply;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A reason to go to a person (an explicit request, frustration, an industry pack's sensitive topic, the tenant's
 * phrases) wins over any answer. A parked question was asked before, and is not looked at again for one.
 */
@Component
@Order(200)
class HandOffOnTrigger implements ReplyStage {

    private final HandoffTriggers triggers;
    private final HandOver handOver;

    HandOffOnTrigger(HandoffTriggers triggers, HandOver handOver) {
        this.triggers = triggers;
        this.handOver = handOver;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        if (!turn.live()) {
            return Optional.empty();
        }
        return triggers.detect(turn.question(), turn.settings().handoff())
                .map(trigger -> handOver.reply(turn, trigger.reason(), "matched \"" + trigger.phrase() + "\""));
    }
}
