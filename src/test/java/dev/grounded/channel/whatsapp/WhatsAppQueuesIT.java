package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.CustomerErased;
import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.conversation.SecretBox;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.PostgresInstances;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * In the postgres profile several instances share the inbox and the outbox: four instances on one real PostgreSQL
 * database claim 60 webhook events and 60 outgoing messages concurrently, and each is claimed by exactly one; one
 * customer's events are never claimed while an earlier one of theirs is in progress. Their retention runs on every
 * instance at once and deletes each row once; an erased customer leaves nothing in them.
 */
class WhatsAppQueuesIT {

    private static final byte[] KEY = "whatsapp-queues-test-data-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyInboxEventAndOutboxMessageIsClaimedByExactlyOneInstance() throws Exception {
        try (var instances = PostgresInstances.withTenant("demo")) {
            SecretBox box = SecretBox.derived(KEY, "test");
            CustomerIdentifiers identifiers = new CustomerIdentifiers(KEY);
            Connection connection = WebhookFixtures.storedMetaConnection(instances.jdbc(), box, Instant.now());
            Inbox setupInbox = new Inbox(instances.jdbc(), box, JSON);
            Contacts setupContacts = new Contacts(instances.jdbc(), identifiers);
            Outbox setupOutbox = new Outbox(instances.jdbc(), JSON);

            List<Contact> contacts = new ArrayList<>();
            for (int c = 0; c < 12; c++) {
                String number = "3460000" + (1000 + c);
                contacts.add(setupContacts.inbound(connection, number, null, Instant.now(), Instant.now()));
                for (int m = 0; m < 5; m++) {
                    var event = new InboundEvent.CustomerMessage(
                            "wamid." + c + "." + m,
                            number,
                            null,
                            Instant.now(),
                            InboundEvent.Kind.TEXT,
                            "hi " + m,
                            null,
                            null);
                    setupInbox.store(
                            connection,
                            List.of(event),
                            "{}".getBytes(),
                            List.of(identifiers.hash(number)),
                            Instant.now());
                }
            }
            for (Contact contact : contacts) {
                for (int m = 0; m < 5; m++) {
                    setupOutbox.enqueue(contact, null, null, new OutboundMessage.Text("part " + m), Instant.now());
                }
            }

            // Each instance finishes what it claims at once, so the next event of the same customer becomes due.
            var inboxClaims = instances.claimConcurrently(4, instance -> {
                JdbcClient jdbc = JdbcClient.create(instance.pool());
                Inbox inbox = new Inbox(jdbc, box, JSON);
                var transactions = PostgresInstances.transactions(instance.pool());
                return () -> transactions.execute(status -> {
                    Optional<Inbox.Claimed> claimed =
                            inbox.claim(instance.name(), Instant.now(), Duration.ofMinutes(1));
                    claimed.ifPresent(event -> {
                        assertThat(jdbc.sql("select count(*) from inbox_event where contact_hash = :hash"
                                                + " and status = 'PROCESSING'")
                                        .param("hash", event.contactHash())
                                        .query(Integer.class)
                                        .single())
                                .as("one event per customer in progress")
                                .isEqualTo(1);
                        inbox.finish(event, "DONE", null, Instant.now());
                    });
                    return claimed.map(Inbox.Claimed::id);
                });
            });
            assertClaimedOnce(inboxClaims, 60);

            var outboxClaims = instances.claimConcurrently(4, instance -> {
                Outbox outbox = new Outbox(JdbcClient.create(instance.pool()), JSON);
                var transactions = PostgresInstances.transactions(instance.pool());
                return () -> transactions.execute(status -> {
                    Optional<Outbox.Claimed> claimed =
                            outbox.claim(instance.name(), Instant.now(), Duration.ofMinutes(1));
                    claimed.ifPresent(message -> outbox.sent(message, "wamid.out." + message.id(), Instant.now()));
                    return claimed.map(Outbox.Claimed::id);
                });
            });
            assertClaimedOnce(outboxClaims, 60);
            assertThat(instances
                            .jdbc()
                            .sql("select count(*) from outbox_message where status = 'SENT'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(60);
        }
    }

    @Test
    void anErasedCustomerLeavesNothingInTheQueuesOnPostgres() {
        try (var instances = PostgresInstances.withTenant("demo")) {
            SecretBox box = SecretBox.derived(KEY, "test");
            CustomerIdentifiers identifiers = new CustomerIdentifiers(KEY);
            Connection connection = WebhookFixtures.storedMetaConnection(instances.jdbc(), box, Instant.now());
            Inbox inbox = new Inbox(instances.jdbc(), box, JSON);
            Contacts contacts = new Contacts(instances.jdbc(), identifiers);
            Outbox outbox = new Outbox(instances.jdbc(), JSON);
            for (String number : List.of("34611110000", "34622220000")) {
                Contact contact = contacts.inbound(connection, number, "Ana", Instant.now(), Instant.now());
                var event = new InboundEvent.CustomerMessage(
                        "wamid.erase." + number,
                        number,
                        "Ana",
                        Instant.now(),
                        InboundEvent.Kind.TEXT,
                        "hi",
                        null,
                        null);
                inbox.store(
                        connection, List.of(event), "{}".getBytes(), List.of(identifiers.hash(number)), Instant.now());
                outbox.enqueue(contact, null, null, new OutboundMessage.Text("hello"), Instant.now());
            }

            new CustomerErasure(contacts, inbox)
                    .erased(new CustomerErased(TenantId.of("demo"), identifiers.hash("+34 611 11 00 00")));

            JdbcClient jdbc = instances.jdbc();
            assertThat(jdbc.sql("select count(*) from whatsapp_contact")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from inbox_event")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from outbox_message")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(contacts.forCustomer(TenantId.of("demo"), "34622220000")).isPresent();
            assertThat(contacts.forCustomer(TenantId.of("demo"), "34611110000")).isEmpty();
        }
    }

    @Test
    void retentionDeletesOnlyHandledRowsPastIt() {
        try (var instances = PostgresInstances.withTenant("demo")) {
            new RetentionScenario(instances.jdbc()).deletesOnlyHandledRowsPastTheRetention();
        }
    }

    @Test
    void contactsSilentForLongerThanTheConversationRetentionGo() {
        try (var instances = PostgresInstances.withTenant("demo")) {
            new RetentionScenario(instances.jdbc()).deletesContactsSilentForLongerThanTheConversationRetention();
        }
    }

    @Test
    void instancesPurgingAtOnceDeleteEachRowOnce() throws Exception {
        try (var instances = PostgresInstances.withTenant("demo")) {
            var scenario = new RetentionScenario(instances.jdbc());
            int total = QueueRetention.BATCH * 2 + 500;
            scenario.handledLongAgo(total);
            List<SimpleMeterRegistry> meters = List.of(new SimpleMeterRegistry(), new SimpleMeterRegistry());
            var start = new CountDownLatch(1);
            try (var executor = Executors.newFixedThreadPool(2)) {
                List<Future<?>> runs = new ArrayList<>();
                for (SimpleMeterRegistry registry : meters) {
                    QueueRetention retention = scenario.retention(JdbcClient.create(instances.pool()), registry);
                    runs.add(executor.submit(() -> {
                        start.await();
                        retention.purge();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            }
            assertThat(scenario.inboxEvents()).isZero();
            assertThat(meters.stream()
                            .mapToDouble(registry -> RetentionScenario.purged(registry, "inbox"))
                            .sum())
                    .isEqualTo(total);
        }
    }

    private static void assertClaimedOnce(List<PostgresInstances.Claim> claims, int expected) {
        Map<UUID, Long> perId =
                claims.stream().collect(Collectors.groupingBy(PostgresInstances.Claim::id, Collectors.counting()));
        assertThat(perId).hasSize(expected);
        assertThat(perId.values()).allMatch(n -> n == 1);
        assertThat(claims.stream()
                        .map(PostgresInstances.Claim::instance)
                        .distinct()
                        .count())
                .as("the work was shared")
                .isGreaterThan(1);
    }
}
