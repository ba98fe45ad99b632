package dev.grounded.retrieval;

import dev.grounded.tenant.TenantId;
import java.util.List;
import org.springframework.stereotype.Service;

/** Keyword and dense search over one tenant's chunks, fused with reciprocal rank fusion. */
@Service
public class HybridSearch {

    private final KnowledgeIndex index;
    private final RetrievalProperties properties;

    HybridSearch(KnowledgeIndex index, RetrievalProperties properties) {
        this.index = index;
        this.properties = properties;
    }

    public List<RetrievedChunk> search(TenantId tenant, String query, int topK) {
        return search(tenant, query, topK, properties.weights());
    }

    public List<RetrievedChunk> search(TenantId tenant, String query, int topK, ReciprocalRankFusion.Weights weights) {
        if (query == null || query.isBlank() || topK <= 0) {
            return List.of();
        }
        int candidates = Math.max(topK, properties.candidates());
        List<IndexHit> keyword = weights.keyword() > 0 ? index.keywordSearch(tenant, query, candidates) : List.of();
        List<IndexHit> dense = weights.dense() > 0 ? index.denseSearch(tenant, query, candidates) : List.of();
        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(keyword, dense, weights);
        return fused.size() > topK ? List.copyOf(fused.subList(0, topK)) : fused;
    }
}
