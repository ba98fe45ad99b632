package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.CustomerErased;
import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.conversation.SecretBox;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.PostgresInstances;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * In the postgres profile several instances share the inbox and the outbox (that each row is claimed by one of them is
 * {@link InboxQueueIT} and {@link OutboxQueueIT}): their retention runs on every instance at once and deletes each
 * row once; an erased customer leaves nothing in them.
 */
class WhatsAppQueuesIT {

    private static final byte[] KEY = "whatsapp-queues-test-data-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
            new RetentionScenario(instances.pool()).deletesOnlyHandledRowsPastTheRetention();
        }
    }

    @Test
    void contactsSilentForLongerThanTheConversationRetentionGo() {
        try (var instances = PostgresInstances.withTenant("demo")) {
            new RetentionScenario(instances.pool()).deletesContactsSilentForLongerThanTheConversationRetention();
        }
    }

    @Test
    void instancesPurgingAtOnceDeleteEachRowOnce() throws Exception {
        try (var instances = PostgresInstances.withTenant("demo")) {
            var scenario = new RetentionScenario(instances.pool());
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
}
