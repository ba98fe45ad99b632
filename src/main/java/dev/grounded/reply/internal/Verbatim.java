package dev.grounded.reply.internal;

import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.RetrievedChunk;

/**
 * Whether a passage or quick reply may be given as it is, with no model reading the question: it holds enough of the
 * question, or the embedding model, reading both languages, finds it so close that it is a paraphrase of it.
 */
final class Verbatim {

    private Verbatim() {}

    static boolean answers(RetrievedChunk hit, ReplyProperties properties) {
        return hit.coverageOrZero() >= properties.extractiveCoverage()
                || (hit.denseJudges() && hit.confidence() >= properties.paraphraseConfidence());
    }
}
