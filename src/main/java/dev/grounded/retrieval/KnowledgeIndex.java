package dev.grounded.retrieval;

import dev.grounded.tenant.TenantId;
import java.util.List;
import org.springframework.ai.document.Document;

/**
 * The chunk store behind retrieval, implemented once per storage profile (Lucene embedded, PostgreSQL + pgvector).
 *
 * <p>Every operation takes the tenant, and the implementations put the tenant into each statement they run, so no
 * caller can read or change another tenant's chunks. The {@link ChunkMetadata#TENANT} metadata of the chunks handed
 * in is overwritten with it.
 */
public interface KnowledgeIndex {

    /**
     * Replaces all chunks of one source in a single switch: readers see the old chunks until the new ones are fully
     * indexed, then only the new ones.
     *
     * @param embeddings one vector per chunk, in order, from {@link ChunkEmbedder}
     */
    void replace(TenantId tenant, String sourceId, List<Document> chunks, List<float[]> embeddings);

    void delete(TenantId tenant, String sourceId);

    /**
     * Puts one chunk in place of the source's chunk with the same id, or adds it to the source when it has none with
     * that id (an admin edited or re-enabled a passage). Readers see the old chunk or the new one, never neither.
     *
     * @param embedding the chunk's vector, from {@link ChunkEmbedder}
     */
    void put(TenantId tenant, String sourceId, Document chunk, float[] embedding);

    /** Removes one chunk of a source (an admin disabled a passage); nothing when the source has no such chunk. */
    void remove(TenantId tenant, String sourceId, String chunkId);

    List<IndexHit> keywordSearch(TenantId tenant, String query, int topK);

    List<IndexHit> denseSearch(TenantId tenant, String query, int topK);

    /** All chunks of one source, in their order. */
    List<Document> chunks(TenantId tenant, String sourceId);

    long count(TenantId tenant);
}
