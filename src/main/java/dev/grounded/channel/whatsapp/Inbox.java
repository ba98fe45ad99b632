package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.conversation.SecretBox;
import dev.grounded.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable inbox: every webhook event is stored (sealed) before the webhook is acknowledged, once per provider id,
 * and processed by whichever instance claims it ({@code FOR UPDATE SKIP LOCKED}, under a lease). One customer's
 * events are claimed in the order they arrived, one at a time.
 */
@Repository
public class Inbox {

    /** A claimed event; {@code claim} names this claim, so a claim whose lease ran out cannot finish it. */
    public record Claimed(
            UUID id,
            long seq,
            TenantId tenant,
            ConnectionId connection,
            String contactHash,
            InboundEvent event,
            int attempt,
            Instant receivedAt,
            String claim) {}

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final JsonMapper json;

    Inbox(JdbcClient jdbc, SecretBox box, JsonMapper json) {
        this.jdbc = jdbc;
        this.box = box;
        this.json = json;
    }

    /**
     * Stores the events of one webhook call; a redelivered one is ignored.
     *
     * @return how many were new
     */
    @Transactional
    public int store(
            Connection connection, List<InboundEvent> events, byte[] raw, List<String> contactHashes, Instant now) {
        String sealedRaw = box.seal(new String(raw, StandardCharsets.UTF_8));
        int stored = 0;
        for (int i = 0; i < events.size(); i++) {
            InboundEvent event = events.get(i);
            stored += jdbc.sql("""
                            insert into inbox_event (id, tenant_id, connection_id, dedupe_key, kind, contact_hash,
                                event_sealed, raw_sealed, status, next_attempt_at, received_at)
                            values (:id, :tenant, :connection, :key, :kind, :contact, :event, :raw, 'PENDING', :now, :now)
                            on conflict do nothing
                            """)
                    .param("id", UUID.randomUUID())
                    .param("tenant", connection.tenant().value())
                    .param("connection", connection.id().value())
                    .param("key", truncate(event.dedupeKey(), 300))
                    .param("kind", kind(event))
                    .param("contact", contactHashes.get(i))
                    .param("event", box.seal(json.writeValueAsString(event)))
                    .param("raw", sealedRaw)
                    .param("now", Timestamp.from(now))
                    .update();
        }
        return stored;
    }

    private static String kind(InboundEvent event) {
        return switch (event) {
            case InboundEvent.CustomerMessage m -> "MESSAGE";
            case InboundEvent.BusinessMessage m -> "BUSINESS";
            case InboundEvent.DeliveryStatus s -> "STATUS";
            case InboundEvent.SessionStatus s -> "SESSION";
        };
    }

    /** The next event due, unless an earlier one of the same customer is still waiting or being processed. */
    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        String claim = worker + "#" + UUID.randomUUID();
        // "status in" first: with it both databases range-scan the status index; on the OR alone H2 reads every
        // processed event, a cost that grows with the table. (The same in every claim of a leased queue.)
        Optional<Claimed> next = jdbc.sql("""
                        select e.id, e.seq, e.tenant_id, e.connection_id, e.contact_hash, e.event_sealed, e.attempts,
                            e.received_at
                        from inbox_event e
                        where e.status in ('PENDING', 'PROCESSING')
                          and ((e.status = 'PENDING' and e.next_attempt_at <= :now)
                               or (e.status = 'PROCESSING' and e.locked_until < :now))
                          and not exists (select 1 from inbox_event p
                                          where p.connection_id = e.connection_id and p.contact_hash = e.contact_hash
                                            and p.seq < e.seq and p.status in ('PENDING', 'PROCESSING'))
                        order by e.seq
                        fetch first 1 rows only
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getLong("seq"),
                        TenantId.of(rs.getString("tenant_id")),
                        new ConnectionId(rs.getObject("connection_id", UUID.class)),
                        rs.getString("contact_hash"),
                        json.readValue(box.open(rs.getString("event_sealed")), InboundEvent.class),
                        rs.getInt("attempts") + 1,
                        rs.getTimestamp("received_at").toInstant(),
                        claim))
                .optional();
        next.ifPresent(event -> jdbc.sql("""
                        update inbox_event set status = 'PROCESSING', attempts = :attempt, locked_by = :claim,
                            locked_until = :until
                        where id = :id
                        """)
                .param("attempt", event.attempt())
                .param("claim", claim)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("id", event.id())
                .update());
        return next;
    }

    /**
     * Ends a claim: DONE (processed), IGNORED (nothing to do: opted out, rate-limited, a duplicate), or FAILED.
     *
     * @return false when the claim was lost (its lease ran out and another instance took the event)
     */
    public boolean finish(Claimed event, String status, String why, Instant now) {
        return jdbc.sql("""
                                update inbox_event set status = :status, last_error = :why, locked_by = null,
                                    locked_until = null, processed_at = :now
                                where id = :id and locked_by = :claim
                                """)
                        .param("status", status)
                        .param("why", why == null ? null : truncate(why, 2000))
                        .param("now", Timestamp.from(now))
                        .param("id", event.id())
                        .param("claim", event.claim())
                        .update()
                > 0;
    }

    public boolean retryAt(Claimed event, String why, Instant next) {
        return jdbc.sql("""
                                update inbox_event set status = 'PENDING', last_error = :why, locked_by = null,
                                    locked_until = null, next_attempt_at = :next
                                where id = :id and locked_by = :claim
                                """)
                        .param("why", why == null ? null : truncate(why, 2000))
                        .param("next", Timestamp.from(next))
                        .param("id", event.id())
                        .param("claim", event.claim())
                        .update()
                > 0;
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
        return jdbc.sql("""
                        delete from inbox_event where seq in (
                            select seq from inbox_event
                            where status in ('DONE', 'IGNORED', 'FAILED') and received_at < :cutoff
                            order by seq fetch first :batch rows only)
                        """)
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
