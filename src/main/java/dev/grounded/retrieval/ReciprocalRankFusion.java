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

    public static List<RetrievedChunk> fuse(List<IndexHit> keyword, List<IndexHit> dense, Weights weights) {
        Map<String, Fused> byId = new LinkedHashMap<>();
        for (int i = 0; i < keyword.size(); i++) {
            IndexHit hit = keyword.get(i);
            Fused f = byId.computeIfAbsent(hit.chunk().getId(), id -> new Fused(hit.chunk()));
            f.keywordRank = i + 1;
            f.keywordScore = hit.score();
            f.score += weights.keyword() / (weights.k() + i + 1);
        }
        for (int i = 0; i < dense.size(); i++) {
            IndexHit hit = dense.get(i);
            Fused f = byId.computeIfAbsent(hit.chunk().getId(), id -> new Fused(hit.chunk()));
            f.denseRank = i + 1;
            f.denseScore = hit.score();
            f.score += weights.dense() / (weights.k() + i + 1);
        }
        List<RetrievedChunk> fused = new ArrayList<>(byId.size());
        for (Fused f : byId.values()) {
            fused.add(new RetrievedChunk(f.chunk, f.score, f.keywordRank, f.keywordScore, f.denseRank, f.denseScore));
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

        Fused(Document chunk) {
            this.chunk = chunk;
        }
    }
}
