package dev.grounded.channel.whatsapp;

import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.conversation.SecretBox;
import dev.grounded.queue.KeyedQueueContract;
import dev.grounded.queue.LeasedQueue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox keeps the queue contract in both storage profiles: each webhook event is processed by exactly one
 * instance, and one customer's events one at a time, in the order they arrived.
 */
class InboxQueueIT extends KeyedQueueContract<Inbox.Status, Inbox.Claimed> {

    private static final byte[] KEY = "inbox-queue-test-data-key-0123456789abc".getBytes(StandardCharsets.UTF_8);
    private static final SecretBox BOX = SecretBox.derived(KEY, "test");
    private static final CustomerIdentifiers IDENTIFIERS = new CustomerIdentifiers(KEY);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected LeasedQueue<Inbox.Status, Inbox.Claimed> queue(JdbcClient jdbc) {
        return new Inbox(jdbc, BOX, JSON).queue();
    }

    @Override
    protected void enqueue(JdbcClient jdbc, int count, Instant at) {
        Connection connection = WebhookFixtures.storedMetaConnection(jdbc, BOX, at);
        for (int i = 0; i < count; i++) {
            receive(jdbc, connection, "3460" + (1_000_000 + i), at);
        }
    }

    @Override
    protected List<UUID> enqueueForOneKey(JdbcClient jdbc, int count, Instant at) {
        Connection connection = WebhookFixtures.storedMetaConnection(jdbc, BOX, at);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            receive(jdbc, connection, "34699999999", at);
            ids.add(jdbc.sql("select id from inbox_event order by seq desc fetch first 1 rows only")
                    .query(UUID.class)
                    .single());
        }
        return ids;
    }

    @Override
    protected Inbox.Status done() {
        return Inbox.Status.DONE;
    }

    private static void receive(JdbcClient jdbc, Connection connection, String number, Instant at) {
        var message = new InboundEvent.CustomerMessage(
                "wamid." + UUID.randomUUID(), number, null, at, InboundEvent.Kind.TEXT, "hi", null, null);
        new Inbox(jdbc, BOX, JSON)
                .store(connection, List.of(message), "{}".getBytes(), List.of(IDENTIFIERS.hash(number)), at);
    }
}
