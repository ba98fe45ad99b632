package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.conversation.SecretBox;
import dev.grounded.queue.Lease;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable inbox: every webhook event is stored (sealed) before the webhook is acknowledged, once per provider id,
 * and processed by whichever instance claims it (a {@link LeasedQueue}). One customer's
 * events are claimed in the order they arrived, one at a time.
 */
@Repository
public class Inbox {

    public enum Status {
        PENDING,
        PROCESSING,
        DONE,
        IGNORED,
        FAILED
    }

    /** A claimed event; its lease names this claim, so a claim whose lease ran out cannot finish it. */
    public record Claimed(
            long seq,
            TenantId tenant,
            ConnectionId connection,
            String contactHash,
            InboundEvent event,
            Instant receivedAt,
            Lease lease) {

        public UUID id() {
            return lease.id();
        }

        public int attempt() {
            return lease.attempt();
        }
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final JsonMapper json;
    private final LeasedQueue<Status, Claimed> queue;

    Inbox(JdbcClient jdbc, SecretBox box, JsonMapper json) {
        this.jdbc = jdbc;
        this.box = box;
        this.json = json;
        this.queue = LeasedQueue.table("inbox_event", Status.PENDING, Status.PROCESSING)
                .orderBy("seq")
                .oneAtATimePer("connection_id", "contact_hash")
                .finishedAt("processed_at")
                .rows(
                        jdbc,
                        "id, seq, tenant_id, connection_id, contact_hash, event_sealed, received_at",
                        (rs, lease) -> new Claimed(
                                rs.getLong("seq"),
                                TenantId.of(rs.getString("tenant_id")),
                                new ConnectionId(rs.getObject("connection_id", UUID.class)),
                                rs.getString("contact_hash"),
                                json.readValue(box.open(rs.getString("event_sealed")), InboundEvent.class),
                                rs.getTimestamp("received_at").toInstant(),
                                lease),
                        Claimed::lease);
    }

    LeasedQueue<Status, Claimed> queue() {
        return queue;
    }

    /**
     * Stores the events of one webhook call; a redelivered one is ignored. A rejected one is stored FAILED with its
     * reason, never to be processed.
     *
     * @return how many were new
     */
    @Transactional
    public int store(
            Connection connection, List<InboundEvent> events, byte[] raw, List<String> contactHashes, Instant now) {
        String sealedRaw = box.seal(new String(raw, StandardCharsets.UTF_8));
        // The call's first new event keeps its body; the others name that event.
        UUID holder = null;
        int stored = 0;
        for (int i = 0; i < events.size(); i++) {
            InboundEvent event = events.get(i);
            // A rejected event is kept, with why, for whoever looks into it; nothing is done with it.
            InboundEvent.Rejected rejected = event instanceof InboundEvent.Rejected r ? r : null;
            UUID id = UUID.randomUUID();
            int inserted = jdbc.sql("""
                            insert into inbox_event (id, tenant_id, connection_id, dedupe_key, kind, contact_hash,
                                event_sealed, raw_sealed, body_event, status, last_error, next_attempt_at, received_at,
                                processed_at, reference)
                            values (:id, :tenant, :connection, :key, :kind, :contact, :event, :raw, :holder, :status,
                                :error, :now, :now, :processed, :reference)
                            on conflict do nothing
                            """)
                    .param("id", id)
                    .param("tenant", connection.tenant().value())
                    .param("connection", connection.id().value())
                    .param("key", truncate(event.dedupeKey(), 300))
                    .param("kind", kind(event))
                    .param("contact", contactHashes.get(i))
                    .param("event", box.seal(json.writeValueAsString(event)))
                    .param("raw", holder == null ? sealedRaw : null)
                    .param("holder", holder)
                    .param("status", (rejected == null ? Status.PENDING : Status.FAILED).name())
                    .param("error", rejected == null ? null : truncate(rejected.reason(), 2000))
                    .param("now", Timestamp.from(now))
                    .param("processed", rejected == null ? null : Timestamp.from(now))
                    .param("reference", event instanceof InboundEvent.DeliveryStatus s ? reference(s) : null)
                    .update();
            if (inserted > 0 && holder == null) {
                holder = id;
            }
            stored += inserted;
        }
        return stored;
    }

    /** Our id for the message a status names, when it is one of ours (a UUID); anything else is not ours. */
    private static String reference(InboundEvent.DeliveryStatus status) {
        try {
            return status.reference() == null
                    ? null
                    : UUID.fromString(status.reference()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether a status naming our message {@code reference} waits in the inbox, received on the message's own
     * connection but not yet processed.
     */
    public boolean statusAwaiting(ConnectionId connection, UUID reference) {
        return jdbc.sql("""
                                select count(*) from inbox_event
                                where reference = :reference and connection_id = :connection
                                  and status in ('PENDING', 'PROCESSING')
                                """)
                        .param("reference", reference.toString())
                        .param("connection", connection.value())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static String kind(InboundEvent event) {
        return switch (event) {
            case InboundEvent.CustomerMessage m -> "MESSAGE";
            case InboundEvent.BusinessMessage m -> "BUSINESS";
            case InboundEvent.DeliveryStatus s -> "STATUS";
            case InboundEvent.SessionStatus s -> "SESSION";
            case InboundEvent.Rejected r -> "REJECTED";
        };
    }

    /** The next event due, unless an earlier one of the same customer is still waiting or being processed. */
    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        return queue.claim(worker, now, lease);
    }

    /**
     * Ends a claim: DONE (processed), IGNORED (nothing to do: opted out, rate-limited, a duplicate), or FAILED.
     *
     * @return false when the claim was lost (its lease ran out and another instance took the event)
     */
    public boolean finish(Claimed event, Status status, String why, Instant now) {
        return queue.finish(event, status, why, now);
    }

    public boolean retryAt(Claimed event, String why, Instant next) {
        return queue.retry(event, why, next, next);
    }

    /** The customer's messages received in {@code window} up to and including this event: for the rate limit. */
    public int recentMessages(Claimed event, Duration window) {
        return jdbc.sql("""
                        select count(*) from inbox_event
                        where connection_id = :connection and contact_hash = :contact and kind = 'MESSAGE'
                          and seq <= :seq and received_at > :since
                        """)
                .param("connection", event.connection().value())
                .param("contact", event.contactHash())
                .param("seq", event.seq())
                .param("since", Timestamp.from(event.receivedAt().minus(window)))
                .query(Integer.class)
                .single();
    }

    /**
     * Deletes the customer's events on every connection of the tenant, their sealed webhooks with them, whatever
     * their state: one being processed then finds its claim gone and sends nothing.
     *
     * @return how many it deleted
     */
    public int erase(TenantId tenant, String contactHash) {
        // A body that carried this customer's event goes too, also where it is kept for other customers' events of
        // the same call (they keep their events).
        jdbc.sql("""
                        update inbox_event set raw_sealed = null
                        where tenant_id = :tenant and (contact_hash = :hash or id in (
                            select body_event from inbox_event where tenant_id = :tenant and contact_hash = :hash))
                        """).param("tenant", tenant.value()).param("hash", contactHash).update();
        return jdbc.sql("delete from inbox_event where tenant_id = :tenant and contact_hash = :hash")
                .param("tenant", tenant.value())
                .param("hash", contactHash)
                .update();
    }

    /**
     * Deletes up to {@code batch} handled events received before {@code cutoff}, oldest first; events still to be
     * processed stay whatever their age.
     *
     * @return how many it deleted
     */
    public int purge(Instant cutoff, int batch) {
        return queue.purge(EnumSet.of(Status.DONE, Status.IGNORED, Status.FAILED), "received_at", cutoff, batch);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
