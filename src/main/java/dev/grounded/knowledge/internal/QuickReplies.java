package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.QuickReply;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The quick_reply table; every statement names the tenant. Keywords are stored joined by {@code ;}. */
@Repository
public class QuickReplies {

    private static final String COLUMNS = "id, label, answer, language, keywords, hits";

    private final JdbcClient jdbc;

    QuickReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the tenant has a quick reply with that label */
    public void insert(QuickReply reply, Instant now) {
        jdbc.sql("""
                        insert into quick_reply (id, tenant_id, label, answer, language, keywords, created_at, updated_at)
                        values (:id, :tenant, :label, :answer, :language, :keywords, :now, :now)
                        """)
                .param("id", reply.id())
                .param("tenant", reply.tenantId().value())
                .param("label", reply.label())
                .param("answer", reply.answer())
                .param("language", reply.language())
                .param("keywords", String.join(";", reply.keywords()))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Changes what the business wrote (its hits stay); false when the tenant has no such reply. */
    public boolean update(QuickReply reply, Instant now) {
        return jdbc.sql("""
                                update quick_reply set label = :label, answer = :answer, language = :language,
                                    keywords = :keywords, updated_at = :now
                                where tenant_id = :tenant and id = :id
                                """)
                        .param("label", reply.label())
                        .param("answer", reply.answer())
                        .param("language", reply.language())
                        .param("keywords", String.join(";", reply.keywords()))
                        .param("now", Timestamp.from(now))
                        .param("tenant", reply.tenantId().value())
                        .param("id", reply.id())
                        .update()
                > 0;
    }

    public List<QuickReply> list(TenantId tenant) {
        return jdbc.sql("select %s from quick_reply where tenant_id = :tenant order by label".formatted(COLUMNS))
                .param("tenant", tenant.value())
                .query(mapper(tenant))
                .list();
    }

    public Optional<QuickReply> find(TenantId tenant, UUID id) {
        return jdbc.sql("select %s from quick_reply where tenant_id = :tenant and id = :id".formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id)
                .query(mapper(tenant))
                .optional();
    }

    public boolean delete(TenantId tenant, UUID id) {
        return jdbc.sql("delete from quick_reply where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    public void countHit(TenantId tenant, UUID id) {
        jdbc.sql("update quick_reply set hits = hits + 1 where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    private static RowMapper<QuickReply> mapper(TenantId tenant) {
        return (rs, n) -> {
            String keywords = rs.getString("keywords");
            return new QuickReply(
                    rs.getObject("id", UUID.class),
                    tenant,
                    rs.getString("label"),
                    rs.getString("answer"),
                    rs.getString("language"),
                    keywords == null || keywords.isBlank() ? List.of() : Arrays.asList(keywords.split(";")),
                    rs.getLong("hits"));
        };
    }
}
