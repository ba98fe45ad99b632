package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.OutboxEntry;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable outbox: messages to send, claimed by one instance each ({@code FOR UPDATE SKIP LOCKED}, under a
 * lease), one customer's in order, retried with backoff, and dead-lettered with their reason when they cannot go.
 */
@Repository
public class Outbox {

    public record Claimed(
            UUID id,
            TenantId tenant,
            ConnectionId connection,
            UUID contactId,
            UUID conversationId,
            UUID messageId,
            OutboundMessage message,
            int attempt,
            String claim) {}

    /** A sent message a delivery status refers to. */
    public record Sent(UUID id, TenantId tenant, UUID messageId) {}

    private static final String ENTRY_COLUMNS = "o.id, o.connection_id, o.conversation_id, o.message_id,"
            + " c.customer_masked, o.kind, o.body, o.status, o.delivery, o.attempts, o.error_code, o.last_error,"
            + " o.created_at, o.next_attempt_at, o.sent_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID enqueue(Contact contact, UUID conversationId, UUID messageId, OutboundMessage message, Instant now) {
        return insert(contact, conversationId, messageId, message, now, null, null);
    }

    /**
     * Queues a message already claimed by {@code claim}, for its producer to send right after the queuing
     * transaction commits: no poll, no second claim. Should the producer die first, the lease runs out and the message
     * is sent by whoever claims it next, as any other.
     */
    public Claimed enqueueClaimed(
            Contact contact,
            UUID conversationId,
            UUID messageId,
            OutboundMessage message,
            Instant now,
            String claim,
            Duration lease) {
        UUID id = insert(contact, conversationId, messageId, message, now, claim, now.plus(lease));
        return new Claimed(
                id, contact.tenant(), contact.connection(), contact.id(), conversationId, messageId, message, 1, claim);
    }

    /** A new message: waiting (PENDING) for any instance, or SENDING under {@code claim} until {@code until}. */
    private UUID insert(
            Contact contact,
            UUID conversationId,
            UUID messageId,
            OutboundMessage message,
            Instant now,
            String claim,
            Instant until) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into outbox_message (id, tenant_id, connection_id, contact_id, conversation_id,
                            message_id, kind, body, status, attempts, locked_by, locked_until, next_attempt_at,
                            created_at, updated_at)
                        values (:id, :tenant, :connection, :contact, :conversation, :message, :kind, :body, :status,
                            :attempts, :claim, :until, :now, :now, :now)
                        """)
                .param("id", id)
                .param("tenant", contact.tenant().value())
                .param("connection", contact.connection().value())
                .param("contact", contact.id())
                .param("conversation", conversationId)
                .param("message", messageId)
                .param("kind", message instanceof OutboundMessage.Template ? "TEMPLATE" : "TEXT")
                .param("body", json.writeValueAsString(message))
                .param("status", claim == null ? "PENDING" : "SENDING")
                .param("attempts", claim == null ? 0 : 1)
                .param("claim", claim)
                .param("until", until == null ? null : Timestamp.from(until))
                .param("now", Timestamp.from(now))
                .update();
        return id;
    }

    /** Whether the contact has messages not yet sent (waiting, being sent or retried): a new one goes after them. */
    public boolean hasUnsent(UUID contactId) {
        return jdbc.sql("""
                                select count(*) from outbox_message
                                where contact_id = :contact and status in ('PENDING', 'SENDING')
                                """).param("contact", contactId).query(Integer.class).single() > 0;
    }

    /** Gives a claimed message back to the queue untried, for the poller to send in its turn. */
    public boolean release(Claimed message) {
        return jdbc.sql("""
                                update outbox_message set status = 'PENDING', attempts = :attempts, locked_by = null,
                                    locked_until = null
                                where id = :id and locked_by = :claim
                                """)
                        .param("attempts", message.attempt() - 1)
                        .param("id", message.id())
                        .param("claim", message.claim())
                        .update()
                > 0;
    }

    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        String claim = worker + "#" + UUID.randomUUID();
        Optional<Claimed> next = jdbc.sql("""
                        select o.id, o.tenant_id, o.connection_id, o.contact_id, o.conversation_id, o.message_id,
                            o.body, o.attempts
                        from outbox_message o
                        where o.status in ('PENDING', 'SENDING')
                          and ((o.status = 'PENDING' and o.next_attempt_at <= :now)
                               or (o.status = 'SENDING' and o.locked_until < :now))
                          and not exists (select 1 from outbox_message p
                                          where p.contact_id = o.contact_id and p.seq < o.seq
                                            and p.status in ('PENDING', 'SENDING'))
                        order by o.seq
                        fetch first 1 rows only
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        TenantId.of(rs.getString("tenant_id")),
                        new ConnectionId(rs.getObject("connection_id", UUID.class)),
                        rs.getObject("contact_id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getObject("message_id", UUID.class),
                        json.readValue(rs.getString("body"), OutboundMessage.class),
                        rs.getInt("attempts") + 1,
                        claim))
                .optional();
        next.ifPresent(message -> jdbc.sql("""
                        update outbox_message set status = 'SENDING', attempts = :attempt, locked_by = :claim,
                            locked_until = :until, updated_at = :now
                        where id = :id
                        """)
                .param("attempt", message.attempt())
                .param("claim", claim)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("id", message.id())
                .update());
        return next;
    }

    public boolean sent(Claimed message, String providerMessageId, Instant now) {
        return jdbc.sql("""
                                update outbox_message set status = 'SENT', delivery = coalesce(delivery, 'sent'),
                                    provider_message_id = :provider, locked_by = null, locked_until = null,
                                    sent_at = :now, updated_at = :now, last_error = null, error_code = null
                                where id = :id and locked_by = :claim
                                """)
                        .param("provider", providerMessageId)
                        .param("now", Timestamp.from(now))
                        .param("id", message.id())
                        .param("claim", message.claim())
                        .update()
                > 0;
    }

    public boolean retryAt(Claimed message, String code, String why, Instant now, Instant next) {
        return end(message, "PENDING", code, why, now, next);
    }

    public boolean dead(Claimed message, String code, String why, Instant now) {
        return end(message, "DEAD", code, why, now, null);
    }

    private boolean end(Claimed message, String status, String code, String why, Instant now, Instant next) {
        return jdbc.sql("""
                                update outbox_message set status = :status, error_code = :code, last_error = :why,
                                    locked_by = null, locked_until = null, updated_at = :now,
                                    next_attempt_at = coalesce(cast(:next as timestamp with time zone), next_attempt_at)
                                where id = :id and locked_by = :claim
                                """)
                        .param("status", status)
                        .param("code", code == null ? null : truncate(code, 32))
                        .param("why", why == null ? null : truncate(why, 2000))
                        .param("now", Timestamp.from(now))
                        .param("next", next == null ? null : Timestamp.from(next))
                        .param("id", message.id())
                        .param("claim", message.claim())
                        .update()
                > 0;
    }

    public Optional<Sent> byProviderId(ConnectionId connection, String providerMessageId) {
        return jdbc.sql("select id, tenant_id, message_id from outbox_message"
                        + " where connection_id = :connection and provider_message_id = :provider")
                .param("connection", connection.value())
                .param("provider", providerMessageId)
                .query((rs, n) -> new Sent(
                        rs.getObject("id", UUID.class),
                        TenantId.of(rs.getString("tenant_id")),
                        rs.getObject("message_id", UUID.class)))
                .optional();
    }

    /** Records a delivery status; a status never goes back (a late "delivered" does not undo "read"). */
    public void delivery(UUID id, String delivery, String code, String error) {
        jdbc.sql("""
                        update outbox_message set delivery = :delivery,
                            error_code = coalesce(:code, error_code), last_error = coalesce(:error, last_error)
                        where id = :id and (delivery is null or :rank >
                            case delivery when 'sent' then 1 when 'delivered' then 2 when 'read' then 3
                                when 'failed' then 4 else 0 end)
                        """)
                .param("delivery", delivery)
                .param("code", code == null ? null : truncate(code, 32))
                .param("error", error == null ? null : truncate(error, 2000))
                .param("rank", rank(delivery))
                .param("id", id)
                .update();
    }

    private static int rank(String delivery) {
        return switch (delivery) {
            case "sent" -> 1;
            case "delivered" -> 2;
            case "read" -> 3;
            case "failed" -> 4;
            default -> 0;
        };
    }

    /**
     * Whether a message with this text went (or is going) to the contact lately: a WAHA {@code fromMe} event for it
     * is our own echo, not a person writing from the phone.
     */
    public boolean sentLately(UUID contactId, String providerMessageId, String text, Instant since) {
        return jdbc.sql("""
                                select count(*) from outbox_message
                                where contact_id = :contact and created_at > :since
                                  and (provider_message_id = :provider or body like :text)
                                """)
                        .param("contact", contactId)
                        .param("since", Timestamp.from(since))
                        .param("provider", providerMessageId)
                        .param("text", text == null ? "" : "%" + escapeLike(json.writeValueAsString(text)) + "%")
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public List<OutboxEntry> list(TenantId tenant, ConnectionId connection, String status, int limit) {
        return jdbc.sql("select " + ENTRY_COLUMNS
                        + " from outbox_message o join whatsapp_contact c on c.id = o.contact_id"
                        + " where o.tenant_id = :tenant and o.connection_id = :connection"
                        + (status == null ? "" : " and o.status = :status")
                        + " order by o.seq desc fetch first :limit rows only")
                .param("tenant", tenant.value())
                .param("connection", connection.value())
                .param("status", status == null ? null : status.toUpperCase(Locale.ROOT))
                .param("limit", limit)
                .query((rs, n) -> {
                    OutboundMessage message = json.readValue(rs.getString("body"), OutboundMessage.class);
                    Timestamp next = rs.getTimestamp("next_attempt_at");
                    Timestamp sent = rs.getTimestamp("sent_at");
                    return new OutboxEntry(
                            rs.getObject("id", UUID.class),
                            new ConnectionId(rs.getObject("connection_id", UUID.class)),
                            rs.getObject("conversation_id", UUID.class),
                            rs.getObject("message_id", UUID.class),
                            rs.getString("customer_masked"),
                            rs.getString("kind").toLowerCase(Locale.ROOT),
                            message.preview(),
                            rs.getString("status").toLowerCase(Locale.ROOT),
                            rs.getString("delivery"),
                            rs.getInt("attempts"),
                            rs.getString("error_code"),
                            rs.getString("last_error"),
                            rs.getTimestamp("created_at").toInstant(),
                            next == null ? null : next.toInstant(),
                            sent == null ? null : sent.toInstant());
                })
                .list();
    }

    /** Gives a dead message another go, from its first attempt. */
    public boolean requeue(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                                update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = :now,
                                    updated_at = :now
                                where tenant_id = :tenant and id = :id and status = 'DEAD'
                                """)
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    /**
     * Deletes up to {@code batch} sent or dead messages last changed before {@code cutoff}, oldest first; a message
     * still to be sent stays whatever its age. The conversation keeps its copy of what was said.
     *
     * @return how many it deleted
     */
    public int purge(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from outbox_message where seq in (
                            select seq from outbox_message
                            where status in ('SENT', 'DEAD') and updated_at < :cutoff
                            order by seq fetch first :batch rows only)
                        """)
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
