package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationMessage;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.RetrievedChunk;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Retrieves with the tenant's fusion weights. A follow-up nobody rewrote that finds nothing on its own is tried once
 * more together with the customer's previous message, which usually names its subject; a message in a language the
 * knowledge is not written in that still finds nothing is translated into the knowledge's language and tried again,
 * when a chat provider can translate it.
 */
@Component
@Order(400)
class RetrievePassages implements ReplyStage {

    private final TenantSearch search;
    private final QueryRewrites rewrites;
    private final ChatProviders providers;
    private final ReplyProperties properties;

    RetrievePassages(TenantSearch search, QueryRewrites rewrites, ChatProviders providers, ReplyProperties properties) {
        this.search = search;
        this.rewrites = rewrites;
        this.providers = providers;
        this.properties = properties;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        double threshold = search.threshold(turn.settings());
        List<RetrievedChunk> hits = search(turn, turn.query());
        Optional<String> previous = lastCustomerMessage(turn.history());
        if (turn.rewrittenQuery() == null && previous.isPresent() && !confident(hits, threshold)) {
            String combined = previous.get() + "\n" + turn.question();
            List<RetrievedChunk> withContext = search(turn, combined);
            if (confident(withContext, threshold)) {
                hits = withContext;
                turn.rewrite(combined);
            }
        }
        turn.lap("retrieval");

        if (!confident(hits, threshold)
                && !turn.language().equals(properties.knowledgeLanguage())
                && !providers.isEmpty()) {
            QueryRewrites.Rewritten translated = rewrites.translate(
                    turn.query(),
                    GroundedPrompt.languageName(properties.knowledgeLanguage()),
                    rewrites.model(turn.preference()));
            turn.attempts(translated.attempts());
            if (translated.text() != null) {
                List<RetrievedChunk> inKnowledgeLanguage = search(turn, translated.text());
                if (confident(inKnowledgeLanguage, threshold)) {
                    hits = inKnowledgeLanguage;
                    turn.rewrite(translated.text());
                }
            }
            turn.lap("translation");
        }
        turn.retrieved(hits, threshold);
        return Optional.empty();
    }

    private List<RetrievedChunk> search(Turn turn, String query) {
        return search.search(turn.tenant(), turn.settings(), query, turn.topK());
    }

    private static boolean confident(List<RetrievedChunk> hits, double threshold) {
        return hits.stream().anyMatch(h -> h.confidence() >= threshold);
    }

    private static Optional<String> lastCustomerMessage(List<ConversationMessage> history) {
        return history.reversed().stream()
                .filter(m -> m.role() == ConversationMessage.Role.CUSTOMER && m.text() != null)
                .map(ConversationMessage::text)
                .findFirst();
    }
}
