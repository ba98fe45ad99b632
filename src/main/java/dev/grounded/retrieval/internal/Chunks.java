package dev.grounded.retrieval.internal;

import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.tenant.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;

/** Stamps the owning tenant and source onto chunks before they are stored, whatever the caller put there. */
public final class Chunks {

    private Chunks() {}

    public static List<Document> scoped(List<Document> chunks, TenantId tenant, String sourceId) {
        return chunks.stream()
                .map(chunk -> {
                    Map<String, Object> metadata = new HashMap<>(chunk.getMetadata());
                    metadata.put(ChunkMetadata.TENANT, tenant.value());
                    metadata.put(ChunkMetadata.SOURCE_ID, sourceId);
                    return chunk.mutate().metadata(metadata).build();
                })
                .toList();
    }

    public static void requireOneVectorEach(List<Document> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
    }
}
