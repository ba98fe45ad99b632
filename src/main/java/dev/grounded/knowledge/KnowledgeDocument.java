package dev.grounded.knowledge;

import dev.grounded.tenant.TenantId;
import java.time.Instant;

/**
 * An uploaded document and where its ingestion stands.
 *
 * @param reason why it failed, in words a tenant admin understands; null unless failed
 * @param progressDone units of work done (pages parsed, then chunks embedded)
 * @param progressTotal units of work known so far
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
        Instant updatedAt) {}
