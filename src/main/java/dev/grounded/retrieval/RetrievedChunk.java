package dev.grounded.retrieval;

import org.springframework.ai.document.Document;

/**
 * A fused hit with what each leg said about it; a rank or score is null when that leg did not return the chunk.
 *
 * @param fusedScore the reciprocal-rank-fusion score
 * @param denseScore cosine similarity of query and chunk, the measure of confidence
 */
public record RetrievedChunk(
        Document chunk,
        double fusedScore,
        Integer keywordRank,
        Double keywordScore,
        Integer denseRank,
        Double denseScore) {

    public String kind() {
        return ChunkMetadata.string(chunk, ChunkMetadata.KIND);
    }

    public String sourceId() {
        return ChunkMetadata.string(chunk, ChunkMetadata.SOURCE_ID);
    }

    public String title() {
        return ChunkMetadata.string(chunk, ChunkMetadata.TITLE);
    }

    public double confidence() {
        return denseScore == null ? 0 : denseScore;
    }
}
