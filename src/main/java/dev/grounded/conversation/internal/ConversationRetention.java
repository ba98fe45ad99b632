package dev.grounded.conversation.internal;

import dev.grounded.conversation.ConversationProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes finished conversations (closed, or the bot's) whose last message is older than
 * {@code grounded.conversation.retention}, with their messages: storage limitation, for a business that must not keep
 * its customers' chats longer than it needs them. Off unless the retention is set. Any instance may run it at once
 * with another; batches keep each transaction short.
 */
@Component
class ConversationRetention {

    private static final Logger log = LoggerFactory.getLogger(ConversationRetention.class);
    static final int BATCH = 500;

    private final ConversationStore store;
    private final ConversationProperties properties;
    private final Clock clock;
    private final Counter purged;

    ConversationRetention(
            ConversationStore store, ConversationProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.purged = Counter.builder("grounded.conversation.purged")
                .description("Finished conversations deleted after the retention")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${grounded.conversation.purge-interval:1h}", initialDelayString = "2m")
    void purge() {
        if (properties.retention() == null) {
            return;
        }
        Instant cutoff = clock.instant().minus(properties.retention());
        long total = 0;
        for (int deleted = batch(cutoff); deleted > 0; deleted = batch(cutoff)) {
            total += deleted;
        }
        purged.increment(total);
        if (total > 0) {
            log.info(
                    "Deleted {} conversations finished before {} (retention {})",
                    total,
                    cutoff,
                    properties.retention());
        }
    }

    private int batch(Instant cutoff) {
        return store.deleteFinishedBefore(cutoff, BATCH);
    }
}
