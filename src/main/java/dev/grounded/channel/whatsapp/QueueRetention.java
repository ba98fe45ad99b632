package dev.grounded.channel.whatsapp;

import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.conversation.ConversationProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes handled inbox events and sent or dead outbox messages once they are older than the retention: the queues
 * otherwise grow by a row per message for ever, every claim reads past them, and each inbox event holds the sealed
 * raw webhook with the customer's number. With a conversation retention set, contacts silent for longer go too (not
 * those that opted out). Any instance may run it at the same time as another: a row is deleted once, and the batches
 * keep each transaction short.
 */
@Component
class QueueRetention {

    private static final Logger log = LoggerFactory.getLogger(QueueRetention.class);
    static final int BATCH = 1_000;

    private final Inbox inbox;
    private final Outbox outbox;
    private final Contacts contacts;
    private final WhatsAppProperties properties;
    private final ConversationProperties conversations;
    private final Clock clock;
    private final Counter inboxPurged;
    private final Counter outboxPurged;
    private final Counter contactsPurged;

    QueueRetention(
            Inbox inbox,
            Outbox outbox,
            Contacts contacts,
            WhatsAppProperties properties,
            ConversationProperties conversations,
            Clock clock,
            MeterRegistry meters) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.contacts = contacts;
        this.properties = properties;
        this.conversations = conversations;
        this.clock = clock;
        this.inboxPurged = purged(meters, "inbox");
        this.outboxPurged = purged(meters, "outbox");
        this.contactsPurged = purged(meters, "contacts");
    }

    /** Deletes what is past the retention, in batches, until none is left. */
    @Scheduled(fixedDelayString = "${grounded.whatsapp.purge-interval:1h}", initialDelayString = "1m")
    void purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        long events = drain(() -> inbox.purge(cutoff, BATCH));
        long messages = drain(() -> outbox.purge(cutoff, BATCH));
        inboxPurged.increment(events);
        outboxPurged.increment(messages);
        if (conversations.retention() != null) {
            Instant silentSince = clock.instant().minus(conversations.retention());
            long silent = drain(() -> contacts.purgeInactive(silentSince, BATCH));
            contactsPurged.increment(silent);
            if (silent > 0) {
                log.info("Deleted {} WhatsApp contacts silent since before {}", silent, silentSince);
            }
        }
        if (events > 0 || messages > 0) {
            log.info(
                    "Deleted {} inbox events and {} outbox messages older than {} ({})",
                    events,
                    messages,
                    properties.retention(),
                    cutoff);
        }
    }

    /**
     * Until a batch finds nothing: a short batch does not mean the end when another instance purges at the same time
     * (both pick the same oldest rows, and each deletes the part it locked first).
     */
    private static long drain(IntSupplier batch) {
        long total = 0;
        for (int deleted = batch.getAsInt(); deleted > 0; deleted = batch.getAsInt()) {
            total += deleted;
        }
        return total;
    }

    private static Counter purged(MeterRegistry meters, String queue) {
        return Counter.builder("grounded.whatsapp.purged")
                .description("Handled queue rows deleted after the retention")
                .tag("queue", queue)
                .register(meters);
    }
}
