package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationMessage;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Outcome;
import dev.grounded.retrieval.LegReading;
import dev.grounded.retrieval.RetrievedChunk;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * No passage reaches the confidence line: the bot says the knowledge does not cover the question (or, when the
 * question could not be searched in the knowledge's language, says that) and offers a person; the second time in a
 * row, a person takes over ({@code missing_knowledge}).
 */
@Component
@Order(600)
public class AdmitNotCovered implements ReplyStage {

    private final ReplyMessages messages;
    private final HandOver handOver;
    private final ChatProviders providers;
    private final LegReading reading;

    AdmitNotCovered(ReplyMessages messages, HandOver handOver, ChatProviders providers, LegReading reading) {
        this.messages = messages;
        this.handOver = handOver;
        this.providers = providers;
        this.reading = reading;
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
        String text = unsearchedLanguage(turn)
                .map(knowledge -> messages.get(
                        "not-covered.language",
                        turn.language(),
                        Locale.of(knowledge).getDisplayLanguage(Locale.forLanguageTag(turn.language()))))
                .orElseGet(() -> messages.get("not-covered", turn.language()));
        return Reply.notCovered(text, turn.language(), turn.made());
    }

    /**
     * The knowledge's language, when the question could not really be searched in it: nothing found is in the
     * question's language, no chat provider can translate the question, and the embedding model does not read the
     * question's language as well as its own. Then the customer is told so, not that the business knows nothing.
     */
    private Optional<String> unsearchedLanguage(Turn turn) {
        if (!providers.isEmpty() || reading.dense(turn.language()) >= 1) {
            return Optional.empty();
        }
        Map<String, Long> languages = turn.hits().stream()
                .map(RetrievedChunk::language)
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(language -> language, Collectors.counting()));
        if (languages.isEmpty() || languages.containsKey(turn.language())) {
            return Optional.empty();
        }
        return languages.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}
