package dev.grounded.channel.whatsapp;

import dev.grounded.channel.OutboxQueued;
import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.Delivery;
import dev.grounded.queue.QueueWorker;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. A refusal worth retrying (429, 5xx, the network) waits exponentially longer with jitter; any other
 * refusal, too many attempts, or free-form text outside the customer-service window ends the message DEAD with its
 * reason, shown to agents.
 */
@Component
@ConditionalOnWebApplication
public class OutboxWorker extends QueueWorker<Outbox.Claimed> {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final Outbox outbox;
    private final ConnectionStore connections;
    private final Contacts contacts;
    private final ConversationService conversations;
    private final WhatsAppProviders providers;
    private final WhatsAppProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final IntervalFunction backoff;

    OutboxWorker(
            Outbox outbox,
            ConnectionStore connections,
            Contacts contacts,
            ConversationService conversations,
            WhatsAppProviders providers,
            WhatsAppProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        super(
                outbox.queue(),
                new Options("whatsapp-outbox", properties.workers(), properties.pollInterval(), properties.lease()),
                clock);
        this.outbox = outbox;
        this.connections = connections;
        this.contacts = contacts;
        this.conversations = conversations;
        this.providers = providers;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.backoff =
                IntervalFunction.ofExponentialRandomBackoff(properties.retryInitial(), 2.0, 0.5, properties.retryMax());
    }

    @Override
    protected Optional<Outbox.Claimed> claim(String worker, Instant now, Duration lease) {
        return outbox.claim(worker, now, lease);
    }

    @Override
    protected void handle(Outbox.Claimed message) {
        send(message);
    }

    /** Messages were queued: send at once rather than at the next poll (after the queuing transaction commits). */
    @Override
    public void wake() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    OutboxWorker.super.wake();
                }
            });
        } else {
            super.wake();
        }
    }

    @EventListener
    void queued(OutboxQueued event) {
        wake();
    }

    /**
     * Sends messages this instance queued already claimed, in order, on the calling thread. When one is not sent
     * (retried later or dead), the rest go back to the queue behind it.
     */
    void sendNow(List<Outbox.Claimed> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (!send(messages.get(i))) {
                messages.subList(i + 1, messages.size()).forEach(outbox::release);
                wake();
                return;
            }
        }
    }

    /** @return whether the provider took the message */
    private boolean send(Outbox.Claimed message) {
        Instant now = clock.instant();
        Optional<Connection> connection = connections.find(message.connection());
        Optional<Contact> contact = contacts.find(message.contactId());
        if (connection.isEmpty() || contact.isEmpty()) {
            fail(message, "gone", "The connection or the contact was deleted", now);
            return false;
        }
        WhatsAppProvider provider = providers.get(connection.get().provider());
        if (message.message() instanceof OutboundMessage.Text
                && connection.get().provider().hasCustomerServiceWindow()
                && !contact.get().windowOpen(now)) {
            fail(
                    message,
                    "window",
                    "Outside the 24-hour customer-service window"
                            + (contact.get().windowClosesAt() == null
                                    ? " (the customer never wrote)"
                                    : " (it closed at " + contact.get().windowClosesAt() + ")")
                            + ": WhatsApp only delivers an approved template now",
                    now);
            return false;
        }
        try {
            String id = provider.send(connection.get(), contact.get().identifier(), message.message());
            transactions.executeWithoutResult(status -> {
                if (outbox.sent(message, id, clock.instant()) && message.messageId() != null) {
                    conversations.updateDelivery(message.tenant(), message.messageId(), Delivery.SENT, null);
                }
            });
            log.debug("Sent {} to {} through {}", message.id(), contact.get(), connection.get());
            return true;
        } catch (SendException e) {
            if (e.retryable() && message.attempt() < properties.maxAttempts()) {
                Instant next = now.plusMillis(backoff.apply(message.attempt()));
                log.warn(
                        "Sending {} to {} failed (attempt {}), retried at {}: {}",
                        message.id(),
                        contact.get(),
                        message.attempt(),
                        next,
                        e.getMessage());
                outbox.retryAt(message, e.code(), e.getMessage(), now, next);
            } else {
                fail(message, e.code(), e.getMessage(), now);
            }
            return false;
        }
    }

    private void fail(Outbox.Claimed message, String code, String why, Instant now) {
        log.warn(
                "Message {} of {} is dead after {} attempt(s): {}",
                message.id(),
                message.tenant(),
                message.attempt(),
                why);
        transactions.executeWithoutResult(status -> {
            if (outbox.dead(message, code, why, now) && message.messageId() != null) {
                conversations.updateDelivery(message.tenant(), message.messageId(), Delivery.FAILED, why);
            }
        });
    }
}
