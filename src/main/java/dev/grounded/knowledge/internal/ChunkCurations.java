package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Admins' changes to a document's passages, every query scoped by tenant. */
@Repository
public class ChunkCurations {

    /**
     * One curated passage of a document's current version.
     *
     * @param originalSha the hash of {@code originalText}, the passage as ingested
     * @param editedText the text the bot answers from instead, or null when only disabled
     * @param disabled out of the knowledge: not in the chunk index
     */
    public record Curation(
            int chunkIndex,
            String originalSha,
            String originalText,
            String section,
            Integer page,
            String language,
            String editedText,
            boolean disabled,
            String updatedBy,
            Instant updatedAt) {

        public String text() {
            return editedText != null ? editedText : originalText;
        }

        public boolean edited() {
            return editedText != null;
        }
    }

    private static final String COLUMNS = """
            chunk_index, original_sha, original_text, section, page, language, edited_text, disabled, updated_by,
            updated_at
            """;

    private final JdbcClient jdbc;

    ChunkCurations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document's curations by chunk index, in order. */
    public Map<Integer, Curation> forDocument(TenantId tenant, DocumentId document) {
        Map<Integer, Curation> byIndex = new LinkedHashMap<>();
        jdbc.sql("""
                        select %s
                        from knowledge_chunk_curation
                        where tenant_id = :tenant and document_id = :document
                        order by chunk_index
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("document", document.value())
                .query(ChunkCurations::map)
                .list()
                .forEach(curation -> byIndex.put(curation.chunkIndex(), curation));
        return byIndex;
    }

    public Optional<Curation> find(TenantId tenant, DocumentId document, int chunkIndex) {
        return Optional.ofNullable(forDocument(tenant, document).get(chunkIndex));
    }

    public void save(TenantId tenant, DocumentId document, Curation curation) {
        delete(tenant, document, curation.chunkIndex());
        insert(tenant, document, curation);
    }

    public void delete(TenantId tenant, DocumentId document, int chunkIndex) {
        jdbc.sql("""
                        delete from knowledge_chunk_curation
                        where tenant_id = :tenant and document_id = :document and chunk_index = :index
                        """)
                .param("tenant", tenant.value())
                .param("document", document.value())
                .param("index", chunkIndex)
                .update();
    }

    /** The curations of a document read again, at their new positions; the ones not carried over are gone. */
    public void replaceAll(TenantId tenant, DocumentId document, List<Curation> curations) {
        jdbc.sql("delete from knowledge_chunk_curation where tenant_id = :tenant and document_id = :document")
                .param("tenant", tenant.value())
                .param("document", document.value())
                .update();
        curations.forEach(curation -> insert(tenant, document, curation));
    }

    /**
     * Per curated document, a hash of what was changed (positions, texts, disabled), so a measurement records that the
     * knowledge differed even where the files are the same.
     */
    public Map<String, String> digests(TenantId tenant) {
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        jdbc.sql("""
                        select document_id, chunk_index, original_sha, edited_text, disabled from knowledge_chunk_curation
                        where tenant_id = :tenant order by document_id, chunk_index
                        """).param("tenant", tenant.value()).query(rs -> {
            String edited = rs.getString("edited_text");
            parts.computeIfAbsent(rs.getObject("document_id", UUID.class).toString(), id -> new StringBuilder())
                    .append(rs.getInt("chunk_index"))
                    .append('|')
                    .append(rs.getString("original_sha"))
                    .append('|')
                    .append(rs.getBoolean("disabled"))
                    .append('|')
                    .append(edited == null ? "" : sha256(edited))
                    .append('\n');
        });
        Map<String, String> digests = new LinkedHashMap<>();
        parts.forEach((id, text) -> digests.put(id, sha256(text.toString())));
        return digests;
    }

    private void insert(TenantId tenant, DocumentId document, Curation curation) {
        jdbc.sql("""
                        insert into knowledge_chunk_curation (document_id, tenant_id, %s)
                        values (:document, :tenant, :index, :sha, :original, :section, :page, :language, :edited,
                            :disabled, :by, :at)
                        """.formatted(COLUMNS))
                .param("document", document.value())
                .param("tenant", tenant.value())
                .param("index", curation.chunkIndex())
                .param("sha", curation.originalSha())
                .param("original", curation.originalText())
                .param("section", curation.section())
                .param("page", curation.page())
                .param("language", curation.language())
                .param("edited", curation.editedText())
                .param("disabled", curation.disabled())
                .param("by", curation.updatedBy())
                .param("at", Timestamp.from(curation.updatedAt()))
                .update();
    }

    private static Curation map(ResultSet rs, int row) throws SQLException {
        Integer page = rs.getObject("page", Integer.class);
        return new Curation(
                rs.getInt("chunk_index"),
                rs.getString("original_sha"),
                rs.getString("original_text"),
                rs.getString("section"),
                page,
                rs.getString("language"),
                rs.getString("edited_text"),
                rs.getBoolean("disabled"),
                rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
