package dev.grounded.retrieval;

import dev.grounded.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
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
        if (query == null || query.isBlank()) {
            return List.of();
        }
        int candidates = Math.max(topK, properties.candidates());
        List<IndexHit> keyword = index.keywordSearch(tenant, query, candidates);
        List<IndexHit> dense = index.denseSearch(tenant, query, candidates);

        Map<String, Fused> byId = new LinkedHashMap<>();
        for (int i = 0; i < keyword.size(); i++) {
            IndexHit hit = keyword.get(i);
            Fused f = byId.computeIfAbsent(hit.chunk().getId(), id -> new Fused(hit.chunk()));
            f.keywordRank = i + 1;
            f.keywordScore = hit.score();
            f.score += properties.keywordWeight() / (properties.rrfK() + i + 1);
        }
        for (int i = 0; i < dense.size(); i++) {
            IndexHit hit = dense.get(i);
            Fused f = byId.computeIfAbsent(hit.chunk().getId(), id -> new Fused(hit.chunk()));
            f.denseRank = i + 1;
            f.denseScore = hit.score();
            f.score += properties.denseWeight() / (properties.rrfK() + i + 1);
        }
        List<RetrievedChunk> fused = new ArrayList<>(byId.size());
        for (Fused f : byId.values()) {
            fused.add(new RetrievedChunk(f.chunk, f.score, f.keywordRank, f.keywordScore, f.denseRank, f.denseScore));
        }
        fused.sort(Comparator.comparingDouble(RetrievedChunk::fusedScore).reversed());
        return fused.size() > topK ? List.copyOf(fused.subList(0, topK)) : fused;
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
