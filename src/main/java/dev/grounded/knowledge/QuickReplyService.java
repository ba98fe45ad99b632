package dev.grounded.knowledge;

import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.retrieval.QuickReplyMatched;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.ai.document.Document;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Quick replies: stored for direct answers and indexed like chunks so retrieval finds them. */
@Service
public class QuickReplyService {

    private final JdbcClient jdbc;
    private final KnowledgeIndex index;
    private final LanguageDetector languages;
    private final Clock clock;

    QuickReplyService(JdbcClient jdbc, KnowledgeIndex index, LanguageDetector languages, Clock clock) {
        this.jdbc = jdbc;
        this.index = index;
        this.languages = languages;
        this.clock = clock;
    }

    @Transactional
    public QuickReply create(TenantId tenant, String label, String answer, String language) {
        if (label == null || label.isBlank() || answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("A quick reply needs a label and an answer");
        }
        String lang = language == null || language.isBlank() ? languages.detect(label + "\n" + answer, "en") : language;
        var reply = new QuickReply(UUID.randomUUID(), tenant, label.strip(), answer.strip(), lang, 0);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into quick_reply (id, tenant_id, label, answer, language, created_at, updated_at)
                        values (:id, :tenant, :label, :answer, :language, :now, :now)
                        """)
                .param("id", reply.id())
                .param("tenant", tenant.value())
                .param("label", reply.label())
                .param("answer", reply.answer())
                .param("language", lang)
                .param("now", Timestamp.from(now))
                .update();
        index.replace(tenant, sourceId(reply.id()), List.of(toChunk(reply)));
        return reply;
    }

    public List<QuickReply> list(TenantId tenant) {
        return jdbc.sql(
                        "select id, label, answer, language, hits from quick_reply where tenant_id = :tenant order by label")
                .param("tenant", tenant.value())
                .query(mapper(tenant))
                .list();
    }

    public Optional<QuickReply> find(TenantId tenant, UUID id) {
        return jdbc.sql(
                        "select id, label, answer, language, hits from quick_reply where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(mapper(tenant))
                .optional();
    }

    @Transactional
    public boolean delete(TenantId tenant, UUID id) {
        boolean deleted = jdbc.sql("delete from quick_reply where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                > 0;
        if (deleted) {
            index.delete(tenant, sourceId(id));
        }
        return deleted;
    }

    @EventListener
    void countHit(QuickReplyMatched matched) {
        jdbc.sql("update quick_reply set hits = hits + 1 where tenant_id = :tenant and id = :id")
                .param("tenant", matched.tenantId().value())
                .param("id", matched.quickReplyId())
                .update();
    }

    private static RowMapper<QuickReply> mapper(TenantId tenant) {
        return (rs, n) -> new QuickReply(
                rs.getObject("id", UUID.class),
                tenant,
                rs.getString("label"),
                rs.getString("answer"),
                rs.getString("language"),
                rs.getLong("hits"));
    }

    private static String sourceId(UUID id) {
        return "qr:" + id;
    }

    private static Document toChunk(QuickReply reply) {
        return Document.builder()
                .text(reply.answer())
                .metadata(Map.of(
                        ChunkMetadata.KIND, ChunkMetadata.KIND_QUICK_REPLY,
                        ChunkMetadata.TITLE, reply.label(),
                        ChunkMetadata.LANGUAGE, reply.language(),
                        ChunkMetadata.QUICK_REPLY_ID, reply.id().toString(),
                        ChunkMetadata.ANSWER, reply.answer(),
                        ChunkMetadata.CHUNK_INDEX, 0))
                .build();
    }
}
