package dev.grounded.reply.internal;

import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.QuickReplyHit;
import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.QuickReplyMatched;
import dev.grounded.retrieval.RetrievedChunk;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A quick reply above its threshold, in the customer's language, that holds most of what was asked is the answer, with
 * no LLM call; unless a document passage matches the question clearly better: a business's canned answer to a
 * neighbouring question ("Do you accept insurance for car repairs?" against the accepted dental insurers) is not the
 * answer to this one. A customer's hit is counted (through {@link QuickReplyMatched}).
 */
@Component
@Order(500)
class AnswerFromQuickReply implements ReplyStage {

    /** How much better a document passage must match than a quick reply for the passage to be answered from. */
    static final double MARGIN = 0.05;

    private final ReplyProperties properties;
    private final ApplicationEventPublisher events;

    AnswerFromQuickReply(ReplyProperties properties, ApplicationEventPublisher events) {
        this.properties = properties;
        this.events = events;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        return match(turn).map(hit -> {
            String id = ChunkMetadata.string(hit.chunk(), ChunkMetadata.QUICK_REPLY_ID);
            if (turn.hasCustomer()) {
                events.publishEvent(new QuickReplyMatched(turn.tenant(), UUID.fromString(id)));
            }
            return Reply.quickReply(
                    ChunkMetadata.string(hit.chunk(), ChunkMetadata.ANSWER),
                    turn.language(),
                    Turn.source(hit),
                    new QuickReplyHit(id, hit.title(), hit.confidence()),
                    turn.made());
        });
    }

    private Optional<RetrievedChunk> match(Turn turn) {
        Double configured = turn.settings().quickReplyThreshold();
        double threshold = configured != null ? configured : properties.quickReplyThreshold();
        List<RetrievedChunk> hits = turn.hits();
        double bestPassage = hits.stream()
                .filter(h -> !ChunkMetadata.KIND_QUICK_REPLY.equals(h.kind()))
                .mapToDouble(RetrievedChunk::confidence)
                .max()
                .orElse(0);
        return hits.stream()
                .filter(h -> ChunkMetadata.KIND_QUICK_REPLY.equals(h.kind()))
                .filter(h -> h.confidence() >= threshold)
                .filter(h -> Verbatim.answers(h, properties))
                .filter(h -> h.confidence() + MARGIN >= bestPassage)
                .filter(h -> {
                    String written = ChunkMetadata.string(h.chunk(), ChunkMetadata.LANGUAGE);
                    return written == null || written.equals(turn.language());
                })
                .findFirst();
    }
}
