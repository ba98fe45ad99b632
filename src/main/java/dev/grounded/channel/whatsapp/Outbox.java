package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.OutboxEntry;
import dev.grounded.conversation.Delivery;
import dev.grounded.queue.Column;
import dev.grounded.queue.Lease;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable outbox: messages to send, claimed by one instance each (a {@link LeasedQueue}), one customer's in order, retried with backoff, and dead-lettered with their reason when they cannot go.
 */
@Repository
public class Outbox {

    public enum Status {
        PENDING,
        SENDING,
        SENT,
        DEAD
    }

    /** A claimed message; its lease names this claim. */
    public record Claimed(
            TenantId tenant,
            ConnectionId connection,
            UUID contactId,
            UUID conversationId,
            UUID messageId,
            OutboundMessage message,
            Lease lease) {

        public UUID id() {
            return lease.id();
        }

        public int attempt() {
            return lease.attempt();
        }
    }

    /** A sent message a delivery status refers to. */
    public record Sent(UUID id, TenantId tenant, UUID messageId) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LeasedQueue<Status, Claimed> queue;

    Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.queue = LeasedQueue.table("outbox_message", Status.PENDING, Status.SENDING)
                .orderBy("seq")
                .oneAtATimePer("contact_id")
                .updatedAt("updated_at")
                .rows(
                        jdbc,
                        "id, tenant_id, connection_id, contact_id, conversation_id, message_id, body",
                        (rs, lease) -> new Claimed(
                                TenantId.of(rs.getString("tenant_id")),
                                new ConnectionId(rs.getObject("connection_id", UUID.class)),
                                rs.getObject("contact_id", UUID.class),
                                rs.getObject("conversation_id", UUID.class),
                                rs.getObject("message_id", UUID.class),
                                json.readValue(rs.getString("body"), OutboundMessage.class),
                                lease),
                        Claimed::lease);
    }

    LeasedQueue<Status, Claimed> queue() {
        return queue;
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
                contact.tenant(),
                contact.connection(),
                contact.id(),
                conversationId,
                messageId,
                message,
                Lease.first(id, claim));
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
                .param("status", (claim == null ? Status.PENDING : Status.SENDING).name())
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
        return queue.release(message);
    }

    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        return queue.claim(worker, now, lease);
    }

    /** The provider took the message: its id is what the provider's delivery statuses will name. */
    public boolean sent(Claimed message, String providerMessageId, Instant now) {
        return queue.finish(
                message,
                Status.SENT,
                null,
                now,
                Column.of("delivery", Delivery.SENT.code()),
                Column.of("provider_message_id", providerMessageId),
                Column.of("sent_at", now),
                Column.of("error_code", null));
    }

    public boolean retryAt(Claimed message, String code, String why, Instant now, Instant next) {
        return queue.retry(message, why, now, next, Column.of("error_code", code == null ? null : truncate(code, 32)));
    }

    public boolean dead(Claimed message, String code, String why, Instant now) {
        return queue.finish(
                message, Status.DEAD, why, now, Column.of("error_code", code == null ? null : truncate(code, 32)));
    }

    public Optional<Sent> byProviderId(ConnectionId connection, String providerMessageId) {
        return jdbc.sql("""
                        select id, tenant_id, message_id
                        from outbox_message
                        where connection_id = :connection and provider_message_id = :provider
                        """)
                .param("connection", connection.value())
                .param("provider", providerMessageId)
                .query((rs, n) -> new Sent(
                        rs.getObject("id", UUID.class),
                        TenantId.of(rs.getString("tenant_id")),
                        rs.getObject("message_id", UUID.class)))
                .optional();
    }

    /** Records a delivery status; a status never goes back (a late "delivered" does not undo "read"). */
    public void delivery(UUID id, Delivery delivery, String code, String error) {
        jdbc.sql("""
                        update outbox_message set delivery = :delivery,
                            error_code = coalesce(:code, error_code), last_error = coalesce(:error, last_error)
                        where id = :id and (delivery is null or :rank >= %s)
                        """.formatted(Delivery.RANK_OF_COLUMN))
                .param("delivery", delivery.code())
                .param("code", code == null ? null : truncate(code, 32))
                .param("error", error == null ? null : truncate(error, 2000))
                .param("rank", delivery.rank())
                .param("id", id)
                .update();
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
        return jdbc.sql("""
                        select o.id, o.connection_id, o.conversation_id, o.message_id, c.customer_masked, o.kind,
                            o.body, o.status, o.delivery, o.attempts, o.error_code, o.last_error, o.created_at,
                            o.next_attempt_at, o.sent_at
                        from outbox_message o join whatsapp_contact c on c.id = o.contact_id
                        where o.tenant_id = :tenant and o.connection_id = :connection %s
                        order by o.seq desc fetch first :limit rows only
                        """.formatted(status == null ? "" : "and o.status = :status"))
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
        return queue.purge(EnumSet.of(Status.SENT, Status.DEAD), "updated_at", cutoff, batch);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
