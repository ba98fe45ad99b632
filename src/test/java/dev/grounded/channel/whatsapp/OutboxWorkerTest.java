package dev.grounded.channel.whatsapp;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.grounded.channel.Provider;
import dev.grounded.conversation.ConversationService;
import dev.grounded.queue.Lease;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

/** A reply sent by the worker that queued it: in order, and what follows a failed part waits behind it. */
class OutboxWorkerTest {

    private final Connection connection = WebhookFixtures.connection(Provider.META, Map.of());
    private final Contact contact = new Contact(
            UUID.randomUUID(),
            connection.tenant(),
            connection.id(),
            "hash",
            "34600000001",
            "+34 6•• ••• •01",
            "en",
            false,
            Instant.now());
    private final Outbox outbox = mock(Outbox.class);
    private final WhatsAppProvider provider = mock(WhatsAppProvider.class);
    private final OutboxWorker worker;

    OutboxWorkerTest() {
        ConnectionStore connections = mock(ConnectionStore.class);
        Contacts contacts = mock(Contacts.class);
        when(connections.find(connection.id())).thenReturn(Optional.of(connection));
        when(contacts.find(contact.id())).thenReturn(Optional.of(contact));
        when(provider.provider()).thenReturn(Provider.META);
        when(outbox.sent(any(), anyString(), any())).thenReturn(true);
        worker = new OutboxWorker(
                outbox,
                connections,
                contacts,
                mock(ConversationService.class),
                new WhatsAppProviders(List.of(provider)),
                WebhookFixtures.properties(),
                mock(PlatformTransactionManager.class),
                Clock.systemUTC());
    }

    @Test
    void sendsEveryPartInOrder() {
        var first = claimed("Part one");
        var second = claimed("Part two");
        when(provider.send(eq(connection), eq(contact.identifier()), any())).thenReturn("wamid.1", "wamid.2");

        worker.sendNow(List.of(first, second));

        var order = inOrder(provider, outbox);
        order.verify(provider).send(connection, contact.identifier(), first.message());
        order.verify(outbox).sent(eq(first), eq("wamid.1"), any(Instant.class));
        order.verify(provider).send(connection, contact.identifier(), second.message());
        verify(outbox, never()).release(any());
    }

    @Test
    void whenAPartIsToBeRetriedTheRestGoBackToTheQueueBehindIt() {
        var first = claimed("Part one");
        var second = claimed("Part two");
        var third = claimed("Part three");
        when(provider.send(connection, contact.identifier(), first.message()))
                .thenThrow(new SendException("Graph answered 500", "500", true, null));

        worker.sendNow(List.of(first, second, third));

        verify(outbox).retryAt(eq(first), eq("500"), anyString(), any(), any());
        verify(provider, never()).send(connection, contact.identifier(), second.message());
        verify(outbox).release(second);
        verify(outbox).release(third);
    }

    private Outbox.Claimed claimed(String text) {
        return new Outbox.Claimed(
                connection.tenant(),
                connection.id(),
                contact.id(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                new OutboundMessage.Text(text),
                Lease.first(UUID.randomUUID(), "direct#" + UUID.randomUUID()));
    }
}
