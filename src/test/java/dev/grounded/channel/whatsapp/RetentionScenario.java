package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.ConversationProperties;
import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.conversation.SecretBox;
import dev.grounded.testing.SharedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the queues' retention deletes and keeps, on either database: handled inbox events and sent or dead outbox
 * messages past it go; anything still to do stays whatever its age, and a recent event still recognises its
 * redelivery. Shared by {@link QueueRetentionTest} (H2) and {@link WhatsAppQueuesIT} (PostgreSQL).
 */
final class RetentionScenario {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(2));
    private static final byte[] KEY = "whatsapp-retention-test-data-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecretBox BOX = SecretBox.derived(KEY, "test");
    private static final CustomerIdentifiers IDENTIFIERS = new CustomerIdentifiers(KEY);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Connection connection;

    /** On a migrated database holding the tenant {@code demo}. */
    RetentionScenario(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = SharedDatabase.transactions(dataSource);
        this.inbox = new Inbox(jdbc, BOX, JSON);
        this.outbox = new Outbox(jdbc, JSON);
        this.connection = WebhookFixtures.storedMetaConnection(jdbc, BOX, OLD);
    }

    void deletesOnlyHandledRowsPastTheRetention() {
        String number = "34600001111";
        Contact contact = new Contacts(jdbc, IDENTIFIERS).inbound(connection, number, null, OLD, OLD);

        handled(number, "wamid.old-done", OLD, Inbox.Status.DONE);
        handled(number, "wamid.old-failed", OLD, Inbox.Status.FAILED);
        handled(number, "wamid.recent-done", RECENT, Inbox.Status.DONE);
        receive("34600002222", "wamid.old-pending", OLD);

        UUID oldSent = outbox.enqueue(contact, null, null, new OutboundMessage.Text("old, sent"), OLD);
        Outbox.Claimed claimed = sending(OLD);
        outbox.sent(claimed, "wamid.out-1", null, OLD);
        UUID oldDead = outbox.enqueue(contact, null, null, new OutboundMessage.Text("old, dead"), OLD);
        outbox.dead(sending(OLD), "131026", "undeliverable", OLD);
        UUID recentSent = outbox.enqueue(contact, null, null, new OutboundMessage.Text("recent"), RECENT);
        outbox.sent(sending(RECENT), "wamid.out-3", null, RECENT);
        UUID oldPending = outbox.enqueue(contact, null, null, new OutboundMessage.Text("old, not sent"), OLD);
        assertThat(claimed.id()).isEqualTo(oldSent);

        MeterRegistry meters = new SimpleMeterRegistry();
        retention(meters).purge();

        assertThat(jdbc.sql("select dedupe_key from inbox_event")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("message:wamid.recent-done", "message:wamid.old-pending");
        assertThat(jdbc.sql("select id from outbox_message").query(UUID.class).list())
                .containsExactlyInAnyOrder(recentSent, oldPending)
                .doesNotContain(oldSent, oldDead);
        assertThat(purged(meters, "inbox")).isEqualTo(2);
        assertThat(purged(meters, "outbox")).isEqualTo(2);
        assertThat(inbox.store(
                        connection,
                        List.of(message(number, "wamid.recent-done", NOW)),
                        "{}".getBytes(),
                        List.of(IDENTIFIERS.hash(number)),
                        NOW))
                .as("a redelivery within the retention is still recognised")
                .isZero();
    }

    /**
     * With conversations kept 90 days: a contact silent for longer goes, unless it opted out (kept to honour it) or
     * has a message still to send; one that wrote since stays.
     */
    void deletesContactsSilentForLongerThanTheConversationRetention() {
        Contacts contacts = new Contacts(jdbc, IDENTIFIERS);
        Instant longAgo = NOW.minus(Duration.ofDays(100));
        contacts.inbound(connection, "34600005001", null, longAgo, longAgo);
        Contact optedOut = contacts.inbound(connection, "34600005002", null, longAgo, longAgo);
        contacts.optOut(optedOut, true, longAgo);
        Contact waiting = contacts.inbound(connection, "34600005003", null, longAgo, longAgo);
        outbox.enqueue(waiting, null, null, new OutboundMessage.Text("a template, retried"), NOW);
        contacts.inbound(connection, "34600005004", null, RECENT, RECENT);
        MeterRegistry meters = new SimpleMeterRegistry();

        retention(meters).purge();

        assertThat(jdbc.sql("select customer_hash from whatsapp_contact")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        IDENTIFIERS.hash("34600005002"),
                        IDENTIFIERS.hash("34600005003"),
                        IDENTIFIERS.hash("34600005004"));
        assertThat(purged(meters, "contacts")).isEqualTo(1);
    }

    /** Stores {@code count} events received long ago and marks them handled, as a busy month leaves them. */
    void handledLongAgo(int count) {
        for (int i = 0; i < count; i++) {
            receive("3460000" + (3000 + i % 50), "wamid.bulk-" + i, OLD);
        }
        jdbc.sql("update inbox_event set status = 'DONE', processed_at = received_at")
                .update();
    }

    int inboxEvents() {
        return jdbc.sql("select count(*) from inbox_event").query(Integer.class).single();
    }

    QueueRetention retention(JdbcClient instance, MeterRegistry meters) {
        return new QueueRetention(
                new Inbox(instance, BOX, JSON),
                new Outbox(instance, JSON),
                new Contacts(instance, IDENTIFIERS),
                WebhookFixtures.properties(),
                new ConversationProperties(Duration.ofMinutes(30), 6, Duration.ofDays(90)),
                Clock.fixed(NOW, ZoneOffset.UTC),
                meters);
    }

    QueueRetention retention(MeterRegistry meters) {
        return retention(jdbc, meters);
    }

    static double purged(MeterRegistry meters, String queue) {
        return meters.get("grounded.whatsapp.purged")
                .tag("queue", queue)
                .counter()
                .count();
    }

    private void handled(String number, String id, Instant at, Inbox.Status status) {
        receive(number, id, at);
        Inbox.Claimed event =
                transactions.execute(s -> inbox.claim("test", at, LEASE)).orElseThrow();
        assertThat(event.event()).isInstanceOf(InboundEvent.CustomerMessage.class);
        inbox.finish(event, status, null, at);
    }

    private Outbox.Claimed sending(Instant at) {
        return transactions.execute(s -> outbox.claim("test", at, LEASE)).orElseThrow();
    }

    private void receive(String number, String id, Instant at) {
        inbox.store(
                connection, List.of(message(number, id, at)), "{}".getBytes(), List.of(IDENTIFIERS.hash(number)), at);
    }

    private static InboundEvent message(String number, String id, Instant at) {
        return new InboundEvent.CustomerMessage(id, number, null, at, InboundEvent.Kind.TEXT, "hello", null, null);
    }
}
