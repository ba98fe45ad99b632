package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.OutboxEntry;
import dev.grounded.conversation.Delivery;
import dev.grounded.queue.Column;
import dev.grounded.queue.Lease;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable outbox: messages to send, claimed by one instance each (a {@link LeasedQueue}), one customer's in order,
 * retried with backoff, and dead-lettered with their reason when they cannot go. A message whose sending is in doubt
 * (UNKNOWN, or claimed again after its instance died mid-send) is checked with the provider before it is sent again.
 */
@Repository
public class Outbox {

    public enum Status {
        PENDING,
        SENDING,
        /** Sent, perhaps: the provider did not answer; waits to be checked (and, if it did not go, sent). */
        UNKNOWN,
        SENT,
        DEAD
    }

    /** Whether an earlier attempt may have sent a claimed message. */
    public enum Doubt {
        NONE,
        /** The provider did not answer an earlier attempt: UNKNOWN since {@code unknownSince}. */
        UNKNOWN,
        /** The instance that was sending it died (its lease ran out): it may have sent it just before. */
        ABANDONED
    }

    /**
     * A claimed message; its lease names this claim.
     *
     * @param unknownSince when it became UNKNOWN (the bounded wait for the provider runs from it), for
     *     {@link Doubt#UNKNOWN}
     * @param attemptedAt when the attempt that may have sent it began (a lookup searches from it), unless
     *     {@link Doubt#NONE}
     */
    public record Claimed(
            TenantId tenant,
            ConnectionId connection,
            UUID contactId,
            UUID conversationId,
            UUID messageId,
            OutboundMessage message,
            Doubt doubt,
            Instant unknownSince,
            Instant attemptedAt,
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

    /** A message to the contact not yet recorded as sent; {@code unknown} when its sending is in doubt. */
    public record Pending(UUID id, boolean unknown) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LeasedQueue<Status, Claimed> queue;

    Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.queue = LeasedQueue.table("outbox_message", Status.PENDING, Status.SENDING)
                .alsoWaiting(Status.UNKNOWN)
                .orderBy("seq")
                .oneAtATimePer("contact_id")
                .updatedAt("updated_at")
                .rows(
                        jdbc,
                        "id, tenant_id, connection_id, contact_id, conversation_id, message_id, body, status,"
                                + " unknown_since, attempted_at, updated_at",
                        (rs, lease) -> new Claimed(
                                TenantId.of(rs.getString("tenant_id")),
                                new ConnectionId(rs.getObject("connection_id", UUID.class)),
                                rs.getObject("contact_id", UUID.class),
                                rs.getObject("conversation_id", UUID.class),
                                rs.getObject("message_id", UUID.class),
                                json.readValue(rs.getString("body"), OutboundMessage.class),
                                doubt(rs),
                                instant(rs, "unknown_since"),
                                attemptedAt(rs),
                                lease),
                        Claimed::lease);
    }

    LeasedQueue<Status, Claimed> queue() {
        return queue;
    }

    /** A row claimed back from SENDING was its instance's when that instance died: the send may have gone. */
    private static Doubt doubt(ResultSet rs) throws SQLException {
        return switch (Status.valueOf(rs.getString("status"))) {
            case UNKNOWN -> Doubt.UNKNOWN;
            case SENDING -> Doubt.ABANDONED;
            default -> Doubt.NONE;
        };
    }

    /** An UNKNOWN row's attempt began when it was recorded; an abandoned one's when it was claimed, at its last update. */
    private static Instant attemptedAt(ResultSet rs) throws SQLException {
        return switch (Status.valueOf(rs.getString("status"))) {
            case UNKNOWN -> instant(rs, "attempted_at");
            case SENDING -> instant(rs, "updated_at");
            default -> null;
        };
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
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
                Doubt.NONE,
                null,
                null,
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
                                where contact_id = :contact and status in ('PENDING', 'SENDING', 'UNKNOWN')
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

    /**
     * The provider took the message: its id is what the provider's delivery statuses will name.
     *
     * @param reconciliation what was decided about a send in doubt before this one, or null
     */
    public boolean sent(Claimed message, String providerMessageId, String reconciliation, Instant now) {
        return queue.finish(
                message,
                Status.SENT,
                null,
                now,
                Column.of("delivery", Delivery.SENT.code()),
                Column.of("provider_message_id", providerMessageId),
                Column.of("sent_at", now),
                Column.of("error_code", null),
                Column.of("reconciliation", reconciliation == null ? null : truncate(reconciliation, 500)));
    }

    /**
     * Why a message's sending is in doubt and when to look again.
     *
     * @param since when the doubt arose: the bounded wait for the provider runs from it
     * @param attemptedAt when the attempt that may have sent it began: a lookup searches from it
     * @param next when to check again
     * @param attempted whether this claim tried to send (an attempt) or only checked (not one)
     */
    public record InDoubt(String why, Instant since, Instant attemptedAt, Instant next, boolean attempted) {

        /** A send begun at {@code attemptedAt} got no answer; first checked after {@code interval}. */
        public static InDoubt noAnswer(String why, Instant attemptedAt, Instant failedAt, Duration interval) {
            return new InDoubt(why, failedAt, attemptedAt, failedAt.plus(interval), true);
        }

        /** Checked, and still nothing certain: in doubt as before, looked at again at {@code next}. */
        public static InDoubt stillWaiting(String why, Instant since, Instant attemptedAt, Instant next) {
            return new InDoubt(why, since, attemptedAt, next, false);
        }
    }

    /**
     * The message may have been sent (the provider did not answer, or its sender died): it waits as UNKNOWN until it
     * is checked again. A claim that only checked does not count as an attempt.
     */
    public boolean unknown(Claimed message, InDoubt doubt, Instant now) {
        return queue.park(
                message,
                Status.UNKNOWN,
                doubt.why(),
                now,
                doubt.next(),
                Column.of("unknown_since", doubt.since()),
                Column.of("attempted_at", doubt.attemptedAt()),
                Column.of("error_code", "unknown"),
                Column.of("attempts", doubt.attempted() ? message.attempt() : message.attempt() - 1));
    }

    /**
     * The provider told us (a status naming our id, the message's echo) that a message in doubt did go: it is SENT
     * with the provider's id, and is not sent again. A message being sent at this moment is left to its sender; one
     * whose sender died (its lease ran out) is confirmed before anyone claims it again.
     *
     * @return the message, when it was in doubt
     */
    @Transactional
    public Optional<Sent> confirm(
            ConnectionId connection, UUID id, String providerMessageId, String reconciliation, Instant now) {
        int updated = jdbc.sql("""
                        update outbox_message set status = 'SENT', provider_message_id = :provider,
                            delivery = coalesce(delivery, 'sent'), sent_at = coalesce(sent_at, :now),
                            reconciliation = :reconciliation, error_code = null, last_error = null,
                            locked_by = null, locked_until = null, updated_at = :now
                        where id = :id and connection_id = :connection and (
                            (status in ('UNKNOWN', 'PENDING', 'DEAD') and unknown_since is not null)
                            or (status = 'SENDING' and locked_until < :now))
                        """)
                .param("provider", providerMessageId)
                .param("now", Timestamp.from(now))
                .param("reconciliation", truncate(reconciliation, 500))
                .param("id", id)
                .param("connection", connection.value())
                .update();
        return updated == 0 ? Optional.empty() : find(id);
    }

    /** The message, whatever its state. */
    public Optional<Sent> find(UUID id) {
        return jdbc.sql("select id, tenant_id, message_id from outbox_message where id = :id")
                .param("id", id)
                .query((rs, n) -> new Sent(
                        rs.getObject("id", UUID.class),
                        TenantId.of(rs.getString("tenant_id")),
                        rs.getObject("message_id", UUID.class)))
                .optional();
    }

    /** A message's status and the provider's id for it, if it has one yet. */
    public record State(Status status, String providerMessageId) {}

    public Optional<State> state(ConnectionId connection, UUID id) {
        return jdbc.sql("""
                        select status, provider_message_id from outbox_message
                        where id = :id and connection_id = :connection
                        """)
                .param("id", id)
                .param("connection", connection.value())
                .query((rs, n) -> new State(Status.valueOf(rs.getString(1)), rs.getString(2)))
                .optional();
    }

    /** Records on a message what was found out about it later (a second copy the provider reported). */
    public void note(ConnectionId connection, UUID id, String reconciliation) {
        jdbc.sql("""
                        update outbox_message set reconciliation = :reconciliation
                        where id = :id and connection_id = :connection
                        """)
                .param("reconciliation", truncate(reconciliation, 500))
                .param("id", id)
                .param("connection", connection.value())
                .update();
    }

    /**
     * The oldest message with this text to the contact that is not recorded as sent yet (being sent, or in doubt):
     * what an echo of our own message, arriving before its send was recorded, belongs to.
     */
    public Optional<Pending> unrecorded(UUID contactId, String text) {
        if (text == null) {
            return Optional.empty();
        }
        return jdbc
                .sql("""
                        select id, status, body from outbox_message
                        where contact_id = :contact and status in ('SENDING', 'UNKNOWN', 'PENDING')
                        order by seq
                        """)
                .param("contact", contactId)
                .query((rs, n) -> json.readValue(rs.getString("body"), OutboundMessage.class)
                                .preview()
                                .equals(text)
                        ? new Pending(rs.getObject("id", UUID.class), "UNKNOWN".equals(rs.getString("status")))
                        : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
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

    public List<OutboxEntry> list(TenantId tenant, ConnectionId connection, String status, int limit) {
        return jdbc.sql("""
                        select o.id, o.connection_id, o.conversation_id, o.message_id, c.customer_masked, o.kind,
                            o.body, o.status, o.delivery, o.attempts, o.error_code, o.last_error, o.created_at,
                            o.next_attempt_at, o.sent_at, o.reconciliation
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
                            sent == null ? null : sent.toInstant(),
                            rs.getString("reconciliation"));
                })
                .list();
    }

    /**
     * Gives a dead message another go, from its first attempt.
     *
     * @return the message, when it was dead
     */
    @Transactional
    public Optional<Sent> requeue(TenantId tenant, UUID id, Instant now) {
        int updated = jdbc.sql("""
                        update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = :now,
                            updated_at = :now, delivery = null
                        where tenant_id = :tenant and id = :id and status = 'DEAD'
                        """)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
        return updated == 0 ? Optional.empty() : find(id);
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
