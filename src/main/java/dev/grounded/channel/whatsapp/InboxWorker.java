package dev.grounded.channel.whatsapp;

import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.Delivery;
import dev.grounded.queue.QueueWorker;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes the inbox. An event's outcome is committed in one transaction with the messages it sends, and only while
 * this instance still holds the event: an instance killed mid-reply leaves the event to another when its lease runs
 * out, and the reply is queued once.
 */
@Component
@ConditionalOnWebApplication
public class InboxWorker extends QueueWorker<Inbox.Claimed> {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

    private final Inbox inbox;
    private final Outbox outbox;
    private final Contacts contacts;
    private final InboxProcessor processor;
    private final ConversationService conversations;
    private final OutboxWorker sender;
    private final WhatsAppProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final IntervalFunction backoff;
    private final String claim;

    InboxWorker(
            Inbox inbox,
            Outbox outbox,
            Contacts contacts,
            InboxProcessor processor,
            ConversationService conversations,
            OutboxWorker sender,
            WhatsAppProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        super(
                inbox.queue(),
                new Options("whatsapp-inbox", properties.workers(), properties.pollInterval(), properties.lease()),
                clock);
        this.inbox = inbox;
        this.outbox = outbox;
        this.contacts = contacts;
        this.processor = processor;
        this.conversations = conversations;
        this.sender = sender;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.backoff =
                IntervalFunction.ofExponentialRandomBackoff(properties.retryInitial(), 2.0, 0.5, properties.retryMax());
        this.claim = "outbox-direct-" + UUID.randomUUID();
    }

    @Override
    protected Optional<Inbox.Claimed> claim(String worker, Instant now, Duration lease) {
        return inbox.claim(worker, now, lease);
    }

    @Override
    protected void handle(Inbox.Claimed event) {
        InboxProcessor.Result result;
        try {
            result = processor.process(event);
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            if (event.attempt() >= properties.maxAttempts()) {
                log.error(
                        "Inbox event {} of {} failed {} times; left as FAILED",
                        event.id(),
                        event.tenant(),
                        event.attempt(),
                        e);
                inbox.finish(event, Inbox.Status.FAILED, e.toString(), now);
            } else {
                log.warn(
                        "Inbox event {} of {} failed (attempt {}), retried: {}",
                        event.id(),
                        event.tenant(),
                        event.attempt(),
                        e.toString());
                inbox.retryAt(event, e.toString(), now.plusMillis(backoff.apply(event.attempt())));
            }
            return;
        }
        if (result.retryIn() != null) {
            inbox.retryAt(event, result.why(), clock.instant().plus(result.retryIn()));
            return;
        }
        // The reply is queued claimed by this worker, which sends it right after the commit (unless the customer
        // has earlier messages still unsent: then it waits its turn in the queue).
        List<Outbox.Claimed> claimed = new ArrayList<>();
        Boolean committed = transactions.execute(status -> {
            Instant now = clock.instant();
            if (!inbox.finish(event, result.status(), result.why(), now)) {
                return false;
            }
            if (result.language() != null) {
                contacts.language(result.contact(), result.language());
            }
            boolean direct = !result.messages().isEmpty()
                    && !outbox.hasUnsent(result.contact().id());
            for (OutboundMessage message : result.messages()) {
                if (direct) {
                    claimed.add(outbox.enqueueClaimed(
                            result.contact(),
                            result.conversationId(),
                            result.messageId(),
                            message,
                            now,
                            claim + "#" + UUID.randomUUID(),
                            properties.lease()));
                } else {
                    outbox.enqueue(result.contact(), result.conversationId(), result.messageId(), message, now);
                }
            }
            if (result.messageId() != null && !result.messages().isEmpty()) {
                conversations.updateDelivery(event.tenant(), result.messageId(), Delivery.QUEUED, null);
            }
            if (result.delivery() != null) {
                var delivery = result.delivery();
                outbox.delivery(
                        delivery.sent().id(),
                        delivery.delivery(),
                        delivery.status().errorCode(),
                        delivery.status().errorMessage());
                if (delivery.sent().messageId() != null) {
                    conversations.updateDelivery(
                            event.tenant(),
                            delivery.sent().messageId(),
                            delivery.delivery(),
                            delivery.status().errorMessage());
                }
            }
            return true;
        });
        if (Boolean.TRUE.equals(committed)) {
            if (!claimed.isEmpty()) {
                sender.sendNow(claimed);
            } else if (!result.messages().isEmpty()) {
                sender.wake();
            }
        } else {
            log.warn(
                    "Inbox event {} of {} was taken over by another instance; its outcome here is dropped",
                    event.id(),
                    event.tenant());
        }
    }
}
