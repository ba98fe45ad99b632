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
 * Sends the outbox. A refusal worth retrying (429, 5xx, the network) waits exponentially longer with jitter, or as the
 * provider asked; any other refusal, too many attempts, or free-form text outside the customer-service window ends the
 * message DEAD with its reason, shown to agents. A send with no answer (a timeout, a connection closed after the
 * request went out) and one whose instance died mid-send are in doubt: reconciled with the provider before they are
 * sent again, and what was decided is kept on the message.
 */
@Component
@ConditionalOnWebApplication
public class OutboxWorker extends QueueWorker<Outbox.Claimed> {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    /** Meta lets a number send one customer about one message every 6 seconds (bursts borrow from later). */
    private static final Duration PAIR_RATE_INTERVAL = Duration.ofSeconds(6);
    /** Meta's throughput limits count per second and per hour: retrying within the same second is pointless. */
    private static final Duration THROUGHPUT_FIRST_DELAY = Duration.ofSeconds(4);

    private final Outbox outbox;
    private final Inbox inbox;
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
            Inbox inbox,
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
        this.inbox = inbox;
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
        String reconciliation = null;
        if (message.doubt() != Outbox.Doubt.NONE) {
            Reconciled reconciled = reconcile(message, connection.get(), contact.get(), provider, now);
            if (reconciled.settled()) {
                return reconciled.sent();
            }
            reconciliation = reconciled.note();
        }
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
        Instant attempt = clock.instant();
        try {
            String id = provider.send(connection.get(), contact.get().identifier(), message.message(), message.id());
            recordSent(message, id, reconciliation);
            log.debug("Sent {} to {} through {}", message.id(), contact.get(), connection.get());
            return true;
        } catch (SendException e) {
            if (e.outcomeUnknown() && message.attempt() < properties.maxAttempts()) {
                log.warn(
                        "Sending {} to {} (attempt {}): no answer from {}; checked before it is sent again: {}",
                        message.id(),
                        contact.get(),
                        message.attempt(),
                        connection.get().provider().label(),
                        e.getMessage());
                // A new wait for this attempt; a lookup searches from the first attempt that may have gone.
                Instant from = message.doubt() == Outbox.Doubt.NONE ? attempt : message.attemptedAt();
                Instant failed = clock.instant();
                parkUnknown(
                        message,
                        Outbox.InDoubt.noAnswer(e.getMessage(), from, failed, properties.reconcileInterval()),
                        failed);
            } else if (e.retryable() && message.attempt() < properties.maxAttempts()) {
                Instant refused = clock.instant();
                Instant next = refused.plus(delay(e, message.attempt()));
                log.warn(
                        "Sending {} to {} failed (attempt {}), retried at {}: {}",
                        message.id(),
                        contact.get(),
                        message.attempt(),
                        next,
                        e.getMessage());
                outbox.retryAt(message, e.code(), e.getMessage(), refused, next);
            } else {
                fail(message, e.code(), e.getMessage(), now);
            }
            return false;
        }
    }

    /**
     * What became of a message an earlier attempt may have sent: settled when the provider has it (it is recorded as
     * sent, not sent again) or cannot tell yet (it waits for the next check); otherwise it is to be sent again, with
     * the note saying why.
     */
    private record Reconciled(boolean settled, boolean sent, String note) {}

    /**
     * Asks the provider whether a message in doubt went (Twilio and WAHA can look it up; Meta only tells through its
     * status webhooks, which confirm the message while it waits here). Sent again only once the provider has said it
     * does not have it, a check interval after the doubt arose, or has said nothing for the whole bounded wait.
     */
    private Reconciled reconcile(
            Outbox.Claimed message, Connection connection, Contact contact, WhatsAppProvider provider, Instant now) {
        // The wait for the provider runs from when the doubt arose: for a message its dying sender left, from now.
        Instant since = message.doubt() == Outbox.Doubt.UNKNOWN ? message.unknownSince() : now;
        String name = connection.provider().label();
        WhatsAppProvider.Lookup lookup;
        try {
            lookup = provider.lookup(connection, contact.identifier(), message.message(), message.attemptedAt());
        } catch (RuntimeException e) {
            log.warn("Looking up {} at {} failed: {}", message.id(), name, e.getMessage());
            lookup = WhatsAppProvider.Lookup.cannotTell();
        }
        Duration waited = Duration.between(since, now);
        // The provider has told, and its word waits in the inbox (behind a backlog, after a restart): it will settle
        // this message; sending it again now would be the duplicate the status is about to report.
        boolean told = lookup.outcome() != WhatsAppProvider.Lookup.Outcome.FOUND
                && inbox.statusAwaiting(message.connection(), message.id());
        switch (told ? WhatsAppProvider.Lookup.Outcome.CANNOT_TELL : lookup.outcome()) {
            case FOUND -> {
                String note = "Outcome unknown at first; found at " + name + ": not sent again";
                log.info("{} of {}: {}", message.id(), message.tenant(), note);
                recordSent(message, lookup.providerMessageId(), note);
                return new Reconciled(true, true, note);
            }
            case NOT_FOUND -> {
                if (waited.compareTo(properties.reconcileInterval()) >= 0) {
                    return new Reconciled(
                            false, false, "Outcome unknown at first; not found at " + name + ": sent again");
                }
            }
            case CANNOT_TELL -> {
                if (!told && waited.compareTo(properties.reconcileWait()) >= 0) {
                    return new Reconciled(
                            false,
                            false,
                            "Outcome unknown at first; no word from " + name + " within " + properties.reconcileWait()
                                    + ": sent again");
                }
            }
        }
        Instant deadline = since.plus(properties.reconcileWait());
        Instant next = now.plus(properties.reconcileInterval());
        parkUnknown(
                message,
                Outbox.InDoubt.stillWaiting(
                        "Waiting for " + name + " to tell whether it was sent (until " + deadline + ")",
                        since,
                        message.attemptedAt(),
                        next.isAfter(deadline) && deadline.isAfter(now) ? deadline : next),
                now);
        return new Reconciled(true, false, null);
    }

    private void recordSent(Outbox.Claimed message, String providerMessageId, String reconciliation) {
        transactions.executeWithoutResult(status -> {
            if (outbox.sent(message, providerMessageId, reconciliation, clock.instant())
                    && message.messageId() != null) {
                conversations.updateDelivery(message.tenant(), message.messageId(), Delivery.SENT, reconciliation);
            }
        });
    }

    private void parkUnknown(Outbox.Claimed message, Outbox.InDoubt doubt, Instant now) {
        transactions.executeWithoutResult(status -> {
            if (outbox.unknown(message, doubt, now) && message.messageId() != null) {
                conversations.updateDelivery(
                        message.tenant(),
                        message.messageId(),
                        Delivery.UNKNOWN,
                        "No answer from the provider: checking whether it went before sending it again");
            }
        });
    }

    /**
     * How long a refused message waits: exponential with jitter, the provider's own backoff for its throttling
     * errors, and never less than its {@code Retry-After}.
     */
    Duration delay(SendException e, int attempt) {
        int exponent = Math.min(attempt - 1, 10);
        Duration wait =
                switch (e.backoff()) {
                    case DEFAULT -> Duration.ofMillis(backoff.apply(attempt));
                    case PAIR_RATE -> Duration.ofSeconds((long) Math.pow(4, exponent));
                    case THROUGHPUT -> THROUGHPUT_FIRST_DELAY.multipliedBy(1L << exponent);
                };
        if (wait.compareTo(properties.retryMax()) > 0) {
            wait = properties.retryMax();
        }
        if (e.backoff() == SendException.Backoff.PAIR_RATE) {
            wait = atLeast(wait, PAIR_RATE_INTERVAL);
        }
        return e.retryAfter() == null ? wait : atLeast(wait, e.retryAfter());
    }

    private static Duration atLeast(Duration value, Duration floor) {
        return value.compareTo(floor) < 0 ? floor : value;
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
