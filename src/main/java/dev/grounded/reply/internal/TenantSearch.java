package dev.grounded.reply.internal;

import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.HybridSearch;
import dev.grounded.retrieval.ReciprocalRankFusion;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.TenantId;
import java.util.List;
import org.springframework.stereotype.Component;

/** Hybrid search with a tenant's own fusion weights and confidence line (or the installation's). */
@Component
public class TenantSearch {

    /** Candidates retrieved beyond the passages given to the answer, so a quick reply is found among them too. */
    private static final int QUICK_REPLY_CANDIDATES = 10;

    private final HybridSearch search;
    private final RetrievalProperties retrieval;
    private final ReplyProperties properties;

    TenantSearch(HybridSearch search, RetrievalProperties retrieval, ReplyProperties properties) {
        this.search = search;
        this.retrieval = retrieval;
        this.properties = properties;
    }

    /** The fused hits for {@code query}, best first: {@code topK} passages' worth and the quick replies among them. */
    public List<RetrievedChunk> search(TenantId tenant, AssistantSettings settings, String query, int topK) {
        var fusion = new ReciprocalRankFusion.Weights(
                orDefault(settings.retrieval().keywordWeight(), retrieval.keywordWeight()),
                orDefault(settings.retrieval().denseWeight(), retrieval.denseWeight()),
                retrieval.rrfK());
        return search.search(tenant, query, topK + QUICK_REPLY_CANDIDATES, fusion);
    }

    /** The similarity a passage needs to be used: the tenant's own, or the installation's moved by its strictness. */
    public double threshold(AssistantSettings settings) {
        Double configured = settings.retrieval().minConfidence();
        return configured != null
                ? configured
                : properties.minConfidence() + settings.strictness().offset();
    }

    private static double orDefault(Double configured, double fallback) {
        return configured != null ? configured : fallback;
    }
}
