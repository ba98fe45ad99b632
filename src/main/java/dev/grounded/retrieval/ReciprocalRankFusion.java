package dev.grounded.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;

/**
 * Fuses the keyword and dense result lists by reciprocal rank: a chunk scores {@code weight / (k + rank)} per leg
 * that returned it. Ranks rather than scores are fused because BM25 scores and cosine similarities are not on one
 * scale; the weights let a tenant (or a benchmark) lean on one leg.
 */
public final class ReciprocalRankFusion {

    /** How the two legs are combined. */
    public record Weights(double keyword, double dense, int k) {

        public Weights {
            if (keyword < 0 || dense < 0 || keyword + dense == 0) {
                throw new IllegalArgumentException("Leg weights must be non-negative and not both zero");
            }
            if (k < 0) {
                throw new IllegalArgumentException("The fusion constant k must not be negative");
            }
        }
    }

    private ReciprocalRankFusion() {}

    /**
     * Fuses with each leg's vote on a passage scaled by how well that leg reads it: the dense leg's by how well its
     * model reads the question's and the passage's languages (so a passage it found in a language it cannot read gets
     * almost nothing), the keyword leg's by how much of the question the passage holds (a match on two common words of
     * a paraphrased question, or on a name shared across languages, says little; one on every rare word of it a lot).
     *
     * @param coverage each passage's {@link dev.grounded.retrieval.internal.QuestionCoverage}, by id; a passage not in
     *     it counts as fully covered
     * @param coverageExponent how steeply the keyword vote falls with coverage (0: not at all)
     */
    public static List<RetrievedChunk> fuse(
            List<IndexHit> keyword,
            List<IndexHit> dense,
            Weights weights,
            LegReading.ForQuestion reading,
            Map<String, Double> coverage,
            double coverageExponent) {
        Map<String, Fused> byId = new LinkedHashMap<>();
        // With no dense leg to weigh it against (a question its model does not read), the keyword leg's order stands.
        double exponent = reading.denseReadsQuestion() ? coverageExponent : 0;
        for (int i = 0; i < keyword.size(); i++) {
            IndexHit hit = keyword.get(i);
            Fused f = byId.computeIfAbsent(hit.chunk().getId(), id -> new Fused(hit.chunk()));
            f.keywordRank = i + 1;
            f.keywordScore = hit.score();
            double covered = coverage.getOrDefault(f.chunk.getId(), 1.0);
            f.score += weights.keyword() * Math.pow(covered, exponent) / (weights.k() + i + 1);
        }
        for (int i = 0; i < dense.size(); i++) {
            IndexHit hit = dense.get(i);
            Fused f = byId.computeIfAbsent(hit.chunk().getId(), id -> new Fused(hit.chunk()));
            f.denseRank = i + 1;
            f.denseScore = hit.score();
            f.score += weights.dense() * reading.dense(f.language) / (weights.k() + i + 1);
        }
        List<RetrievedChunk> fused = new ArrayList<>(byId.size());
        for (Fused f : byId.values()) {
            fused.add(new RetrievedChunk(
                    f.chunk,
                    f.score,
                    f.keywordRank,
                    f.keywordScore,
                    f.denseRank,
                    f.denseScore,
                    reading.denseJudges(f.language),
                    coverage.get(f.chunk.getId())));
        }
        fused.sort(Comparator.comparingDouble(RetrievedChunk::fusedScore).reversed());
        return fused;
    }

    private static final class Fused {
        final Document chunk;
        double score;
        Integer keywordRank;
        Double keywordScore;
        Integer denseRank;
        Double denseScore;

        final String language;

        Fused(Document chunk) {
            this.chunk = chunk;
            this.language = ChunkMetadata.string(chunk, ChunkMetadata.LANGUAGE);
        }
    }
}
