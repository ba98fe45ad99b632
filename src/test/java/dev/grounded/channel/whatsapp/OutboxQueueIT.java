package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.conversation.SecretBox;
import dev.grounded.queue.KeyedQueueContract;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.testing.SharedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox keeps the queue contract in both storage profiles: each message is sent by exactly one instance, and one
 * customer's messages one at a time, in the order they were queued; a message whose sending is in doubt holds the
 * customer's next back until the provider has told.
 */
class OutboxQueueIT extends KeyedQueueContract<Outbox.Status, Outbox.Claimed> {

    private static final byte[] KEY = "outbox-queue-test-data-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
    private static final SecretBox BOX = SecretBox.derived(KEY, "test");
    private static final CustomerIdentifiers IDENTIFIERS = new CustomerIdentifiers(KEY);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected LeasedQueue<Outbox.Status, Outbox.Claimed> queue(JdbcClient jdbc) {
        return new Outbox(jdbc, JSON).queue();
    }

    @Override
    protected void enqueue(JdbcClient jdbc, int count, Instant at) {
        Connection connection = WebhookFixtures.storedMetaConnection(jdbc, BOX, at);
        Contacts contacts = new Contacts(jdbc, IDENTIFIERS);
        for (int i = 0; i < count; i++) {
            Contact contact = contacts.inbound(connection, "3460" + (1_000_000 + i), null, at, at);
            new Outbox(jdbc, JSON).enqueue(contact, null, null, new OutboundMessage.Text("part " + i), at);
        }
    }

    @Override
    protected List<UUID> enqueueForOneKey(JdbcClient jdbc, int count, Instant at) {
        Connection connection = WebhookFixtures.storedMetaConnection(jdbc, BOX, at);
        Contact contact = new Contacts(jdbc, IDENTIFIERS).inbound(connection, "34699999999", null, at, at);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new Outbox(jdbc, JSON).enqueue(contact, null, null, new OutboundMessage.Text("part " + i), at));
        }
        return ids;
    }

    @Override
    protected Outbox.Status done() {
        return Outbox.Status.SENT;
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void aMessageInDoubtHoldsBackTheCustomersNextAndComesBackAsInDoubt(SharedDatabase.Kind kind) throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            List<UUID> queued = enqueueForOneKey(database.jdbc(), 2, T0);
            Outbox outbox = new Outbox(database.jdbc(), JSON);
            Instant now = T0.plusSeconds(1);

            Outbox.Claimed first = claim(database, outbox.queue(), "a", now).orElseThrow();
            assertThat(first.doubt()).isEqualTo(Outbox.Doubt.NONE);
            assertThat(outbox.unknown(
                            first,
                            Outbox.InDoubt.noAnswer("no answer", now.minusMillis(300), now, Duration.ofSeconds(10)),
                            now))
                    .isTrue();
            assertThat(claim(database, outbox.queue(), "b", now.plusSeconds(5)))
                    .as("the customer's next message waits behind one in doubt")
                    .isEmpty();

            Outbox.Claimed check =
                    claim(database, outbox.queue(), "b", now.plusSeconds(10)).orElseThrow();
            assertThat(check.id()).isEqualTo(queued.get(0));
            assertThat(check.doubt()).isEqualTo(Outbox.Doubt.UNKNOWN);
            assertThat(check.unknownSince()).isEqualTo(now);
            assertThat(check.attemptedAt()).isEqualTo(now.minusMillis(300));
            // A check that only looked does not use up an attempt.
            assertThat(outbox.unknown(
                            check,
                            Outbox.InDoubt.stillWaiting("still waiting", now, check.attemptedAt(), now.plusSeconds(20)),
                            now.plusSeconds(10)))
                    .isTrue();
            assertThat(database.jdbc()
                            .sql("select attempts from outbox_message where id = :id")
                            .param("id", check.id())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);

            // The provider's status names it: sent, not sent again, and the next message goes.
            assertThat(outbox.confirm(check.connection(), check.id(), "wamid.found", "confirmed", now.plusSeconds(12)))
                    .isPresent();
            assertThat(outbox.confirm(check.connection(), check.id(), "wamid.again", "confirmed", now.plusSeconds(13)))
                    .as("only a message in doubt is confirmed")
                    .isEmpty();
            Outbox.Claimed next =
                    claim(database, outbox.queue(), "a", now.plusSeconds(20)).orElseThrow();
            assertThat(next.id()).isEqualTo(queued.get(1));

            // Its sender dies with the lease: whoever claims it next knows it may have gone.
            Outbox.Claimed abandoned = claim(
                            database,
                            outbox.queue(),
                            "b",
                            now.plusSeconds(20).plus(LEASE).plusSeconds(1))
                    .orElseThrow();
            assertThat(abandoned.id()).isEqualTo(queued.get(1));
            assertThat(abandoned.doubt()).isEqualTo(Outbox.Doubt.ABANDONED);
            assertThat(abandoned.attemptedAt()).as("its sender's claim").isEqualTo(now.plusSeconds(20));
        }
    }
}
