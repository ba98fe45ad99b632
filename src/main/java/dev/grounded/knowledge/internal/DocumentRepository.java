package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.knowledge.DocumentStatus;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeFingerprint;
import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every query here is scoped by tenant; the ingestion worker reads a job's document by the job's tenant. */
@Repository
public class DocumentRepository {

    private static final String COLUMNS = """
            id, tenant_id, title, file_name, content_type, size_bytes, status, reason, language, chunk_count,
            progress_done, progress_total, created_at, updated_at, page_count, embedding_model,
            embedding_dimensions, notice
            """;

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(KnowledgeDocument doc, String sha256, byte[] content) {
        jdbc.sql("""
                        insert into knowledge_document (id, tenant_id, title, file_name, content_type, size_bytes, sha256,
                            status, created_at, updated_at)
                        values (:id, :tenant, :title, :fileName, :contentType, :size, :sha, :status, :now, :now)
                        """)
                .param("id", doc.id().value())
                .param("tenant", doc.tenantId().value())
                .param("title", doc.title())
                .param("fileName", doc.fileName())
                .param("contentType", doc.contentType())
                .param("size", doc.sizeBytes())
                .param("sha", sha256)
                .param("status", doc.status().name())
                .param("now", Timestamp.from(doc.createdAt()))
                .update();
        jdbc.sql("insert into document_file (document_id, content) values (:id, :content)")
                .param("id", doc.id().value())
                .param("content", content)
                .update();
    }

    public Optional<KnowledgeDocument> find(TenantId tenant, DocumentId id) {
        return jdbc.sql("""
                        select %s
                        from knowledge_document
                        where tenant_id = :tenant and id = :id
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(DocumentRepository::map)
                .optional();
    }

    public Optional<KnowledgeDocument> findBySha(TenantId tenant, String sha256) {
        return jdbc.sql("""
                        select %s
                        from knowledge_document
                        where tenant_id = :tenant and sha256 = :sha
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("sha", sha256)
                .query(DocumentRepository::map)
                .optional();
    }

    public List<KnowledgeDocument> list(TenantId tenant) {
        return jdbc.sql("""
                        select %s
                        from knowledge_document
                        where tenant_id = :tenant
                        order by created_at
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .query(DocumentRepository::map)
                .list();
    }

    /** Each document's id, title, content hash and status, for recording what knowledge a measurement ran on. */
    public List<KnowledgeFingerprint> fingerprints(TenantId tenant) {
        return jdbc.sql(
                        "select id, title, sha256, status from knowledge_document where tenant_id = :tenant order by id")
                .param("tenant", tenant.value())
                .query((rs, n) -> new KnowledgeFingerprint(
                        rs.getObject("id", UUID.class).toString(),
                        rs.getString("title"),
                        rs.getString("sha256"),
                        rs.getString("status").toLowerCase(java.util.Locale.ROOT),
                        null))
                .list();
    }

    public byte[] content(TenantId tenant, DocumentId id) {
        return jdbc.sql("""
                        select f.content from document_file f join knowledge_document d on d.id = f.document_id
                        where d.tenant_id = :tenant and d.id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((rs, n) -> rs.getBytes(1))
                .single();
    }

    public void updateStatus(TenantId tenant, DocumentId id, DocumentStatus status, String reason, Instant now) {
        jdbc.sql("""
                        update knowledge_document set status = :status, reason = :reason, updated_at = :now
                        where tenant_id = :tenant and id = :id
                        """)
                .param("status", status.name())
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    public void updatePages(TenantId tenant, DocumentId id, int pages) {
        jdbc.sql("update knowledge_document set page_count = :pages where tenant_id = :tenant and id = :id")
                .param("pages", pages)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    public void updateProgress(TenantId tenant, DocumentId id, int done, int total, Instant now) {
        jdbc.sql("""
                        update knowledge_document set progress_done = :done, progress_total = :total, updated_at = :now
                        where tenant_id = :tenant and id = :id
                        """)
                .param("done", done)
                .param("total", total)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /** Marks the document ready; false when it no longer exists (deleted meanwhile). */
    public boolean markReady(
            TenantId tenant,
            DocumentId id,
            String title,
            String language,
            int chunks,
            ChunkEmbedder.ModelInfo model,
            String notice,
            Instant now) {
        return jdbc.sql("""
                                update knowledge_document set status = 'READY', reason = null, title = :title,
                                    language = :language, chunk_count = :chunks, progress_done = :chunks,
                                    progress_total = :chunks, embedding_model = :model, embedding_dimensions = :dims,
                                    notice = :notice, updated_at = :now
                                where tenant_id = :tenant and id = :id
                                """)
                        .param("title", title)
                        .param("notice", notice)
                        .param("language", language)
                        .param("chunks", chunks)
                        .param("model", model.name())
                        .param("dims", model.dimensions())
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    /** Stores a new version of a document's file; its chunks stay until the new version is indexed. */
    public void replaceContent(KnowledgeDocument doc, String sha256, byte[] content, Instant now) {
        jdbc.sql("""
                        update knowledge_document set file_name = :fileName, content_type = :contentType,
                            size_bytes = :size, sha256 = :sha, status = 'QUEUED', reason = null, progress_done = 0,
                            progress_total = 0, updated_at = :now
                        where tenant_id = :tenant and id = :id
                        """)
                .param("fileName", doc.fileName())
                .param("contentType", doc.contentType())
                .param("size", doc.sizeBytes())
                .param("sha", sha256)
                .param("now", Timestamp.from(now))
                .param("tenant", doc.tenantId().value())
                .param("id", doc.id().value())
                .update();
        jdbc.sql("""
                        update document_file set content = :content
                        where document_id = (select id from knowledge_document where tenant_id = :tenant and id = :id)
                        """)
                .param("content", content)
                .param("tenant", doc.tenantId().value())
                .param("id", doc.id().value())
                .update();
    }

    /** Puts every document of the tenant back in the queue; their chunks stay searchable meanwhile. */
    public List<DocumentId> requeueAll(TenantId tenant, Instant now) {
        List<DocumentId> ids = jdbc.sql("""
                        select id from knowledge_document where tenant_id = :tenant and status in ('READY', 'FAILED')
                        """)
                .param("tenant", tenant.value())
                .query((rs, n) -> new DocumentId(rs.getObject("id", UUID.class)))
                .list();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            update knowledge_document set status = 'QUEUED', reason = null, updated_at = :now
                            where tenant_id = :tenant and id in (:ids)
                            """)
                    .param("now", Timestamp.from(now))
                    .param("tenant", tenant.value())
                    .param("ids", ids.stream().map(DocumentId::value).toList())
                    .update();
        }
        return ids;
    }

    public boolean delete(TenantId tenant, DocumentId id) {
        return jdbc.sql("delete from knowledge_document where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    private static KnowledgeDocument map(ResultSet rs, int row) throws SQLException {
        return new KnowledgeDocument(
                new DocumentId(rs.getObject("id", UUID.class)),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("title"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getString("language"),
                rs.getInt("chunk_count"),
                rs.getInt("progress_done"),
                rs.getInt("progress_total"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("page_count"),
                rs.getString("embedding_model") == null
                        ? null
                        : rs.getString("embedding_model") + "/" + rs.getInt("embedding_dimensions"),
                rs.getString("notice"));
    }
}
