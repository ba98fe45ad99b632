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
 * The outbox keeps the queue contract in both storage profiles: each message is sent by exactly one instance, and one
 * customer's messages one at a time, in the order they were queued.
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
}
