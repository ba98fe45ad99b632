package dev.grounded.reply;

import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.internal.ParkedQuestions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Answers parked questions once a chat provider is back. Any instance may run this; each question is claimed by one.
 */
@Component
class ParkedQuestionWorker {

    private static final Logger log = LoggerFactory.getLogger(ParkedQuestionWorker.class);
    private static final int PER_RUN = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final ParkedQuestions parked;
    private final ReplyService replies;
    private final ChatProviders providers;
    private final Clock clock;
    private final String worker = "parked-" + UUID.randomUUID();

    ParkedQuestionWorker(ParkedQuestions parked, ReplyService replies, ChatProviders providers, Clock clock) {
        this.parked = parked;
        this.replies = replies;
        this.providers = providers;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${grounded.reply.parked-poll-interval:15s}", initialDelayString = "5s")
    void work() {
        if (providers.isEmpty()) {
            return;
        }
        Set<UUID> tried = new HashSet<>();
        for (int i = 0; i < PER_RUN; i++) {
            Optional<ParkedQuestions.Claimed> next = parked.claim(worker, clock.instant(), LEASE);
            if (next.isEmpty()) {
                return;
            }
            if (!tried.add(next.get().id())) {
                // Due again already: it waits for the next run rather than hammering providers in this one.
                parked.retryAt(next.get(), null, clock.instant(), clock.instant());
                return;
            }
            try {
                replies.answerParked(next.get());
            } catch (RuntimeException e) {
                log.warn(
                        "A parked question of {} failed this time: {}",
                        next.get().tenant(),
                        e.toString());
                parked.retryAt(
                        next.get(),
                        e.toString(),
                        clock.instant(),
                        clock.instant().plusSeconds(60));
            }
        }
    }
}
