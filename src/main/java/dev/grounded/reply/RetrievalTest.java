package dev.grounded.reply;

import dev.grounded.retrieval.RetrievedChunk;
import java.util.List;

/**
 * What retrieval found for a test query.
 *
 * @param threshold the cosine similarity a passage needs for the answer to use it
 */
public record RetrievalTest(List<RetrievedChunk> hits, double threshold) {

    public boolean usable(RetrievedChunk hit) {
        return hit.confidence() >= threshold;
    }
}
