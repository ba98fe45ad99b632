package dev.grounded.conversation.internal;

import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's reads over a period of the customers' conversations (API and WhatsApp, not the playground), each
 * naming the tenant; the dashboard makes its figures from them.
 */
@Repository
public class InsightQueries {

    /** Messages of one role in one slot of {@code slotSeconds} since the epoch; handoffs among them. */
    public record Slot(long slot, String role, long messages, long handoffs) {}

    /** How many of the bot's replies had this outcome, degradation and handoff reason. */
    public record Outcome(String outcome, boolean degraded, String handoffReason, long replies) {}

    /** The bot's reply latency in milliseconds: median and 95th percentile, null without replies. */
    public record Latency(Long p50, Long p95) {}

    /** A message of the bot or an agent in a conversation handed over in the period. */
    public record Step(Object conversation, String role, String handoffReason, Instant at) {}

    /** The customer's question before a reply that said the knowledge does not cover it. */
    public record Unanswered(String question, String language, Instant at) {}

    private final JdbcClient jdbc;

    public InsightQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Slot> customerAndBotMessages(TenantId tenant, Instant from, Instant to, int slotSeconds) {
        return jdbc.sql("""
                        select floor(extract(epoch from m.created_at) / %1$d) as slot, m.role,
                            count(*) as n, count(m.handoff_reason) as handoffs
                        from conversation_message m join conversation c on c.id = m.conversation_id
                        where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')
                            and m.created_at >= :from and m.created_at < :to
                            and m.role in ('CUSTOMER', 'BOT')
                        group by floor(extract(epoch from m.created_at) / %1$d), m.role
                        """.formatted(slotSeconds))
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) ->
                        new Slot(rs.getLong("slot"), rs.getString("role"), rs.getLong("n"), rs.getLong("handoffs")))
                .list();
    }

    public List<Outcome> botOutcomes(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql("""
                        select m.outcome, m.degraded, m.handoff_reason, count(*) as n
                        from conversation_message m join conversation c on c.id = m.conversation_id
                        where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')
                            and m.created_at >= :from and m.created_at < :to
                            and m.role = 'BOT'
                        group by m.outcome, m.degraded, m.handoff_reason
                        """)
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Outcome(
                        rs.getString("outcome"),
                        rs.getBoolean("degraded"),
                        rs.getString("handoff_reason"),
                        rs.getLong("n")))
                .list();
    }

    public Latency botLatency(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql("""
                        select percentile_cont(0.5) within group (order by m.latency_ms) as p50,
                            percentile_cont(0.95) within group (order by m.latency_ms) as p95
                        from conversation_message m join conversation c on c.id = m.conversation_id
                        where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')
                            and m.created_at >= :from and m.created_at < :to
                            and m.role = 'BOT' and m.latency_ms is not null
                        """)
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Latency(rounded(rs.getObject("p50")), rounded(rs.getObject("p95"))))
                .single();
    }

    /**
     * The bot's and agents' messages, from {@code from} on, of the conversations with a handoff in the period: in
     * order, conversation by conversation.
     */
    public List<Step> stepsAfterHandoffs(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql("""
                        select m.conversation_id, m.role, m.handoff_reason, m.created_at
                        from conversation_message m join conversation c on c.id = m.conversation_id
                        where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')
                            and m.created_at >= :from and m.role in ('BOT', 'AGENT')
                            and m.conversation_id in (
                                select h.conversation_id from conversation_message h
                                where h.tenant_id = :tenant and h.handoff_reason is not null
                                    and h.created_at >= :from and h.created_at < :to)
                        order by m.conversation_id, m.seq
                        """)
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Step(
                        rs.getObject("conversation_id"),
                        rs.getString("role"),
                        rs.getString("handoff_reason"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The latest {@code limit} replies that the knowledge did not cover, newest first, with their questions. */
    public List<Unanswered> unanswered(TenantId tenant, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select m.created_at, m.language,
                            (select q.text from conversation_message q
                             where q.conversation_id = m.conversation_id and q.role = 'CUSTOMER' and q.seq < m.seq
                             order by q.seq desc fetch first 1 rows only) as question
                        from conversation_message m join conversation c on c.id = m.conversation_id
                        where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')
                            and m.created_at >= :from and m.created_at < :to
                            and m.role = 'BOT'
                            and (m.outcome = 'not_covered' or m.handoff_reason = 'MISSING_KNOWLEDGE')
                        order by m.created_at desc fetch first %d rows only
                        """.formatted(limit))
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Unanswered(
                        rs.getString("question"),
                        rs.getString("language"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static Long rounded(Object percentile) {
        return percentile == null ? null : Math.round(((Number) percentile).doubleValue());
    }
}
