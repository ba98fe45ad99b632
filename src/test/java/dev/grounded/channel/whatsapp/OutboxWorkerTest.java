package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.grounded.channel.Provider;
import dev.grounded.conversation.ConversationService;
import dev.grounded.queue.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A reply sent by the worker that queued it: in order, and what follows a failed part waits behind it; a send with no
 * answer reconciled with the provider before it is sent again; the provider's backoff honoured.
 */
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
    private final Inbox inbox = mock(Inbox.class);
    private final WhatsAppProvider provider = mock(WhatsAppProvider.class);
    private final OutboxWorker worker;

    OutboxWorkerTest() {
        ConnectionStore connections = mock(ConnectionStore.class);
        Contacts contacts = mock(Contacts.class);
        when(connections.find(connection.id())).thenReturn(Optional.of(connection));
        when(contacts.find(contact.id())).thenReturn(Optional.of(contact));
        when(provider.provider()).thenReturn(Provider.META);
        when(outbox.sent(any(), anyString(), any(), any())).thenReturn(true);
        when(outbox.unknown(any(), any(), any())).thenReturn(true);
        worker = new OutboxWorker(
                outbox,
                inbox,
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
        when(provider.send(eq(connection), eq(contact.identifier()), any(), any()))
                .thenReturn("wamid.1", "wamid.2");

        worker.sendNow(List.of(first, second));

        var order = inOrder(provider, outbox);
        order.verify(provider).send(connection, contact.identifier(), first.message(), first.id());
        order.verify(outbox).sent(eq(first), eq("wamid.1"), isNull(), any(Instant.class));
        order.verify(provider).send(connection, contact.identifier(), second.message(), second.id());
        verify(outbox, never()).release(any());
    }

    @Test
    void whenAPartIsToBeRetriedTheRestGoBackToTheQueueBehindIt() {
        var first = claimed("Part one");
        var second = claimed("Part two");
        var third = claimed("Part three");
        when(provider.send(connection, contact.identifier(), first.message(), first.id()))
                .thenThrow(new SendException("Graph answered 500", "500", true, null));

        worker.sendNow(List.of(first, second, third));

        verify(outbox).retryAt(eq(first), eq("500"), anyString(), any(), any());
        verify(provider, never()).send(connection, contact.identifier(), second.message(), second.id());
        verify(outbox).release(second);
        verify(outbox).release(third);
    }

    @Test
    void aSendWithNoAnswerIsParkedAsUnknownNotRetriedBlindly() {
        var message = claimed("Part one");
        when(provider.send(connection, contact.identifier(), message.message(), message.id()))
                .thenThrow(SendException.outcomeUnknown("Graph gave no answer: timeout", null));

        worker.sendNow(List.of(message));

        verify(outbox).unknown(eq(message), argThat(Outbox.InDoubt::attempted), any());
        verify(outbox, never()).retryAt(any(), any(), any(), any(), any());
    }

    @Test
    void aMessageInDoubtThatTheProviderHasIsRecordedAsSentAndNotSentAgain() {
        var message = inDoubt("Part one", Duration.ofSeconds(30));
        when(provider.lookup(eq(connection), eq(contact.identifier()), eq(message.message()), any()))
                .thenReturn(WhatsAppProvider.Lookup.found("wamid.found"));

        worker.sendNow(List.of(message));

        verify(outbox).sent(eq(message), eq("wamid.found"), contains("found at Meta"), any());
        verify(provider, never()).send(any(), any(), any(), any());
    }

    @Test
    void aMessageInDoubtThatTheProviderDoesNotHaveIsSentAgainWithTheDecisionRecorded() {
        var message = inDoubt("Part one", Duration.ofSeconds(30));
        when(provider.lookup(any(), any(), any(), any())).thenReturn(WhatsAppProvider.Lookup.notFound());
        when(provider.send(connection, contact.identifier(), message.message(), message.id()))
                .thenReturn("wamid.again");

        worker.sendNow(List.of(message));

        verify(outbox).sent(eq(message), eq("wamid.again"), contains("not found at Meta: sent again"), any());
    }

    @Test
    void aMessageInDoubtWaitsForTheProviderToTellUntilTheBoundedWaitIsOverUnlessItsStatusIsInTheInbox() {
        var recent = inDoubt("Part one", Duration.ofSeconds(30));
        when(provider.lookup(any(), any(), any(), any())).thenReturn(WhatsAppProvider.Lookup.cannotTell());

        worker.sendNow(List.of(recent));

        verify(outbox)
                .unknown(
                        eq(recent),
                        argThat(doubt -> !doubt.attempted()
                                && doubt.since().equals(recent.unknownSince())
                                && doubt.attemptedAt().equals(recent.attemptedAt())),
                        any());
        verify(provider, never()).send(any(), any(), any(), any());

        var told =
                inDoubt("Part two", WebhookFixtures.properties().reconcileWait().plusSeconds(1));
        when(inbox.statusAwaiting(told.connection(), told.id())).thenReturn(true);
        worker.sendNow(List.of(told));
        verify(provider, never()).send(any(), any(), any(), any());
        verify(outbox).unknown(eq(told), argThat(doubt -> !doubt.attempted()), any());

        var old = inDoubt(
                "Part three", WebhookFixtures.properties().reconcileWait().plusSeconds(1));
        when(provider.send(connection, contact.identifier(), old.message(), old.id()))
                .thenReturn("wamid.late");
        worker.sendNow(List.of(old));
        verify(outbox).sent(eq(old), eq("wamid.late"), contains("no word from Meta within"), any());
    }

    @Test
    void theProvidersBackoffIsHonoured() {
        var retryAfter = SendException.throttled(
                "Twilio refused (HTTP 429)", "20429", SendException.Backoff.DEFAULT, Duration.ofSeconds(30));
        assertThat(worker.delay(retryAfter, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(worker.delay(retryAfter, 3)).isEqualTo(Duration.ofSeconds(30));

        var pairRate = SendException.throttled("131056", "131056", SendException.Backoff.PAIR_RATE, null);
        assertThat(worker.delay(pairRate, 1)).isEqualTo(Duration.ofSeconds(6));
        assertThat(worker.delay(pairRate, 2)).isEqualTo(Duration.ofSeconds(6));
        // 4^n seconds from the third attempt, capped at the longest retry delay (1 s here), never under 6 s.
        assertThat(worker.delay(pairRate, 3)).isEqualTo(Duration.ofSeconds(6));

        var throughput = SendException.throttled("130429", "130429", SendException.Backoff.THROUGHPUT, null);
        assertThat(worker.delay(throughput, 1)).isEqualTo(Duration.ofSeconds(1));
    }

    private Outbox.Claimed claimed(String text) {
        return new Outbox.Claimed(
                connection.tenant(),
                connection.id(),
                contact.id(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                new OutboundMessage.Text(text),
                Outbox.Doubt.NONE,
                null,
                null,
                Lease.first(UUID.randomUUID(), "direct#" + UUID.randomUUID()));
    }

    private Outbox.Claimed inDoubt(String text, Duration since) {
        return new Outbox.Claimed(
                connection.tenant(),
                connection.id(),
                contact.id(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                new OutboundMessage.Text(text),
                Outbox.Doubt.UNKNOWN,
                Instant.now().minus(since),
                Instant.now().minus(since).minusSeconds(15),
                new Lease(UUID.randomUUID(), 2, "worker#" + UUID.randomUUID()));
    }
}
