package dev.grounded.retrieval;

import org.springframework.ai.document.Document;

/**
 * A fused hit with what each leg said about it; a rank or score is null when that leg did not return the chunk.
 *
 * @param fusedScore the reciprocal-rank-fusion score
 * @param denseScore cosine similarity of query and chunk
 * @param denseJudges whether the embedding model reads the question's and the chunk's languages, so that its
 *     similarity says whether the chunk is on the question's subject ({@link LegReading.ForQuestion#denseJudges})
 * @param coverage how much of the question the chunk holds, from 0 to 1: the share of the question's terms (in the
 *     chunk's language's analysis, each weighted by how rare it is among the hits) that the chunk contains; null until
 *     measured
 */
public record RetrievedChunk(
        Document chunk,
        double fusedScore,
        Integer keywordRank,
        Double keywordScore,
        Integer denseRank,
        Double denseScore,
        boolean denseJudges,
        Double coverage) {

    /**
     * Where the dense leg cannot judge, coverage is put on its scale: half the question's weight in the passage counts
     * as much as the similarity a passage needs to be used (0.54 by default), three quarters as much as the one a
     * passage needs to be quoted (0.60).
     */
    static final double LEXICAL_FLOOR = 0.42;

    static final double LEXICAL_SPAN = 0.24;

    public String kind() {
        return ChunkMetadata.string(chunk, ChunkMetadata.KIND);
    }

    public String sourceId() {
        return ChunkMetadata.string(chunk, ChunkMetadata.SOURCE_ID);
    }

    public String title() {
        return ChunkMetadata.string(chunk, ChunkMetadata.TITLE);
    }

    public String language() {
        return ChunkMetadata.string(chunk, ChunkMetadata.LANGUAGE);
    }

    /**
     * How surely the chunk is on the question's subject, on the scale of the dense leg's cosine similarity: that
     * similarity where the embedding model reads both languages, otherwise the question's coverage mapped onto it.
     */
    public double confidence() {
        if (denseJudges) {
            return denseScore == null ? 0 : denseScore;
        }
        return coverage == null ? 0 : LEXICAL_FLOOR + LEXICAL_SPAN * coverage;
    }

    /** How much of the question the chunk holds; 0 when not measured. */
    public double coverageOrZero() {
        return coverage == null ? 0 : coverage;
    }

    public RetrievedChunk withCoverage(double measured) {
        return new RetrievedChunk(
                chunk, fusedScore, keywordRank, keywordScore, denseRank, denseScore, denseJudges, measured);
    }
}
