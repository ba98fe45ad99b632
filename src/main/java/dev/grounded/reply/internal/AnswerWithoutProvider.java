package dev.grounded.reply.internal;

import dev.grounded.handoff.HandoffReason;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.RetrievedChunk;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * No provider answered: the knowledge alone, when one of its best passages is clearly on point and holds most of what
 * was asked (the first such, quoted). Otherwise, when
 * providers are configured and failing, a holding message and a person ({@code provider_failure}), and the question
 * waits for a provider; a parked question that still has nobody to answer it gets nothing here, and waits on. With no
 * provider configured at all nothing is failing and nothing would come: the knowledge does not cover the question
 * ({@code not_covered}, with the offer of a person), as it would be said with a provider.
 */
@Component
@Order(800)
class AnswerWithoutProvider implements ReplyStage {

    private final ReplyProperties properties;
    private final ChatProviders providers;
    private final HandOver handOver;
    private final ReplyMessages messages;
    private final AdmitNotCovered notCovered;

    AnswerWithoutProvider(
            ReplyProperties properties,
            ChatProviders providers,
            HandOver handOver,
            ReplyMessages messages,
            AdmitNotCovered notCovered) {
        this.properties = properties;
        this.providers = providers;
        this.handOver = handOver;
        this.messages = messages;
        this.notCovered = notCovered;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        List<RetrievedChunk> relevant = turn.relevant();
        Optional<RetrievedChunk> quotable = relevant.stream()
                .filter(hit ->
                        hit.confidence() >= properties.extractiveConfidence() && Verbatim.answers(hit, properties))
                .findFirst();
        if (quotable.isPresent()) {
            RetrievedChunk best = quotable.get();
            return Optional.of(
                    Reply.extractive(extract(turn.query(), best), turn.language(), Turn.source(best), turn.made()));
        }
        if (providers.isEmpty()) {
            return Optional.of(notCovered.notCovered(turn));
        }
        if (!turn.live()) {
            return Optional.empty();
        }
        turn.park();
        HandOver.Decision decision = handOver.decide(turn, HandoffReason.PROVIDER_FAILURE, "no chat provider answered");
        return Optional.of(Reply.holding(
                decision.handoff().callbackAt() == null ? messages.get("holding", turn.language()) : decision.text(),
                turn.language(),
                relevant.stream().map(Turn::source).toList(),
                decision.handoff(),
                turn.made()));
    }

    /** A quick reply is a complete answer written by the business, so it is given whole; a passage is quoted in part. */
    private static String extract(String question, RetrievedChunk best) {
        if (ChunkMetadata.KIND_QUICK_REPLY.equals(best.kind())) {
            return ChunkMetadata.string(best.chunk(), ChunkMetadata.ANSWER);
        }
        return ExtractiveAnswer.from(question, best.chunk().getText());
    }
}
