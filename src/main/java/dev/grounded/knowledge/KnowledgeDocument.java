package dev.grounded.knowledge;

import dev.grounded.tenant.TenantId;
import java.time.Instant;

/**
 * An uploaded document and where its ingestion stands.
 *
 * @param reason why it failed, in words a tenant admin understands; null unless failed
 * @param progressDone units of work done (pages parsed, then chunks embedded)
 * @param progressTotal units of work known so far
 * @param pages pages parsed (0 for formats without pages, or before parsing)
 * @param embeddingModel the model and dimension its vectors were made with ("bge-small-en-v1.5-q/384"); null before
 *     it was first indexed
 * @param notice what the admin should know about the ready document, in plain words (text past the limit not read,
 *     changes to passages that did not carry over to this version); null when there is nothing
 */
public record KnowledgeDocument(
        DocumentId id,
        TenantId tenantId,
        String title,
        String fileName,
        String contentType,
        long sizeBytes,
        DocumentStatus status,
        String reason,
        String language,
        int chunkCount,
        int progressDone,
        int progressTotal,
        Instant createdAt,
        Instant updatedAt,
        int pages,
        String embeddingModel,
        String notice) {}
