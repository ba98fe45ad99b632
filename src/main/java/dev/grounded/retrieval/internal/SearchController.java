package dev.grounded.retrieval.internal;

import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.HybridSearch;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The fused hybrid hits for a query, with what each leg said about them: for debugging retrieval and the console. */
@RestController
class SearchController {

    record SearchRequest(
            @NotBlank @Size(max = 4000) String query,
            @Min(1) @Max(100) Integer topK) {}

    /**
     * @param sourceId the document id, or {@code qr:<id>} for a quick reply
     * @param keyword the keyword leg's rank and score, null when that leg did not return the chunk
     * @param dense the dense leg's rank and cosine similarity, null when that leg did not return the chunk
     * @param coverage how much of the query the chunk holds (0 to 1)
     * @param confidence what its use is decided on: the cosine where the embedding model reads both languages,
     *     otherwise the coverage on the cosine's scale
     */
    record Hit(
            int rank,
            double fusedScore,
            Leg keyword,
            Leg dense,
            Double coverage,
            double confidence,
            String kind,
            String sourceId,
            String title,
            String section,
            Integer page,
            String language,
            String text) {

        static Hit of(int rank, RetrievedChunk hit) {
            var chunk = hit.chunk();
            int page = ChunkMetadata.integer(chunk, ChunkMetadata.PAGE);
            return new Hit(
                    rank,
                    hit.fusedScore(),
                    hit.keywordRank() == null ? null : new Leg(hit.keywordRank(), hit.keywordScore()),
                    hit.denseRank() == null ? null : new Leg(hit.denseRank(), hit.denseScore()),
                    hit.coverage(),
                    hit.confidence(),
                    hit.kind(),
                    hit.sourceId(),
                    hit.title(),
                    ChunkMetadata.string(chunk, ChunkMetadata.SECTION),
                    page > 0 ? page : null,
                    ChunkMetadata.string(chunk, ChunkMetadata.LANGUAGE),
                    chunk.getText());
        }
    }

    record Leg(int rank, double score) {}

    private final HybridSearch search;

    SearchController(HybridSearch search) {
        this.search = search;
    }

    @Requires(Permission.READ)
    @PostMapping("/api/v1/tenants/{tenant}/search")
    List<Hit> search(@PathVariable String tenant, @Valid @RequestBody SearchRequest request) {
        List<RetrievedChunk> hits =
                search.search(TenantId.of(tenant), request.query(), request.topK() == null ? 10 : request.topK());
        return IntStream.range(0, hits.size())
                .mapToObj(i -> Hit.of(i + 1, hits.get(i)))
                .toList();
    }
}
