package dev.grounded.reply.internal;

import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Reply;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A follow-up ("and how long does it take?") becomes a standalone query, when a chat provider can rewrite it. */
@Component
@Order(300)
class RewriteFollowUp implements ReplyStage {

    private final QueryRewrites rewrites;
    private final ChatProviders providers;

    RewriteFollowUp(QueryRewrites rewrites, ChatProviders providers) {
        this.rewrites = rewrites;
        this.providers = providers;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        if (turn.history().isEmpty() || providers.isEmpty()) {
            return Optional.empty();
        }
        QueryRewrites.Rewritten rewritten = rewrites.standalone(
                turn.question(), QueryRewrites.history(turn.history()), rewrites.model(turn.preference()));
        turn.attempts(rewritten.attempts());
        if (rewritten.text() != null && !rewritten.text().equals(turn.question())) {
            turn.rewrite(rewritten.text());
        }
        turn.lap("rewrite");
        return Optional.empty();
    }
}
