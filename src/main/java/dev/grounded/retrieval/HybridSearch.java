package dev.grounded.retrieval;

import dev.grounded.retrieval.internal.QuestionCoverage;
import dev.grounded.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.stereotype.Service;

/**
 * Keyword and dense search over one tenant's chunks, fused with reciprocal rank fusion. Each leg's vote counts as far
 * as the leg reads the question's and the passage's languages ({@link LegReading}); the dense leg is not asked at all
 * about a question in a language its model does not read.
 */
@Service
public class HybridSearch {

    private static final Logger log = LoggerFactory.getLogger(HybridSearch.class);

    private final KnowledgeIndex index;
    private final RetrievalProperties properties;
    private final LegReading reading;
    private final LanguageDetector languages;

    HybridSearch(KnowledgeIndex index, RetrievalProperties properties, LegReading reading, LanguageDetector languages) {
        this.index = index;
        this.properties = properties;
        this.reading = reading;
        this.languages = languages;
    }

    public List<RetrievedChunk> search(TenantId tenant, String query, int topK) {
        return search(tenant, query, topK, properties.weights());
    }

    public List<RetrievedChunk> search(TenantId tenant, String query, int topK, ReciprocalRankFusion.Weights weights) {
        if (query == null || query.isBlank() || topK <= 0) {
            return List.of();
        }
        LegReading.ForQuestion question = reading.forQuestion(languages.detect(query, null));
        int candidates = Math.max(topK, properties.candidates());
        List<IndexHit> keyword = weights.keyword() > 0 ? index.keywordSearch(tenant, query, candidates) : List.of();
        List<IndexHit> dense = List.of();
        if (weights.dense() > 0 && question.denseReadsQuestion()) {
            try {
                dense = index.denseSearch(tenant, query, candidates);
            } catch (RuntimeException e) {
                // The embedding model failed (a remote endpoint down, a model that would not load): the keyword leg
                // answers alone, and how much of the question a passage holds is what decides its use.
                log.warn("Dense search failed for tenant {}, keyword leg alone: {}", tenant, e.toString());
                question = question.withoutDense();
            }
        }
        List<RetrievedChunk> fused = fuse(query, keyword, dense, weights, question, properties);
        return fused.size() > topK ? List.copyOf(fused.subList(0, topK)) : fused;
    }

    /** The product's fusion of two legs' results for one question, every candidate's coverage of the question measured. */
    static List<RetrievedChunk> fuse(
            String query,
            List<IndexHit> keyword,
            List<IndexHit> dense,
            ReciprocalRankFusion.Weights weights,
            LegReading.ForQuestion question,
            RetrievalProperties properties) {
        return ReciprocalRankFusion.fuse(
                keyword,
                dense,
                weights,
                question,
                coverage(query, keyword, dense),
                properties.keywordCoverageExponent());
    }

    /**
     * How much of the question each candidate of either leg holds, by chunk id ({@link QuestionCoverage}), measured
     * among exactly the candidates fusion sees: shared with the benchmarks, so they measure what customers get.
     */
    public static Map<String, Double> coverage(String query, List<IndexHit> keyword, List<IndexHit> dense) {
        Map<String, Document> candidates = new LinkedHashMap<>();
        keyword.forEach(hit -> candidates.putIfAbsent(hit.chunk().getId(), hit.chunk()));
        dense.forEach(hit -> candidates.putIfAbsent(hit.chunk().getId(), hit.chunk()));
        return QuestionCoverage.of(query, new ArrayList<>(candidates.values()));
    }
}
