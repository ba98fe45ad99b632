package dev.grounded.reply;

import dev.grounded.llm.ChatProviders;
import dev.grounded.queue.QueueWorker;
import dev.grounded.reply.internal.ParkedQuestions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers parked questions once a chat provider is back, one at a time. Any instance may run this; each question is
 * claimed by one.
 */
@Component
class ParkedQuestionWorker extends QueueWorker<ParkedQuestions.Claimed> {

    private static final Logger log = LoggerFactory.getLogger(ParkedQuestionWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(1);

    private final ParkedQuestions parked;
    private final ReplyService replies;
    private final ChatProviders providers;
    private final Clock clock;

    ParkedQuestionWorker(
            ParkedQuestions parked,
            ReplyService replies,
            ChatProviders providers,
            ReplyProperties properties,
            Clock clock) {
        super(parked.queue(), new Options("parked-questions", 1, properties.parkedPollInterval(), LEASE), clock);
        this.parked = parked;
        this.replies = replies;
        this.providers = providers;
        this.clock = clock;
    }

    /** With no chat provider configured there is nobody to answer them. */
    @Override
    protected boolean ready() {
        return !providers.isEmpty();
    }

    @Override
    protected Optional<ParkedQuestions.Claimed> claim(String worker, Instant now, Duration lease) {
        return parked.claim(worker, now, lease);
    }

    @Override
    protected void handle(ParkedQuestions.Claimed question) {
        try {
            replies.answerParked(question);
        } catch (RuntimeException e) {
            log.warn("A parked question of {} failed this time: {}", question.tenant(), e.toString());
            Instant now = clock.instant();
            parked.retryAt(question, e.toString(), now, now.plus(AFTER_FAILURE));
        }
    }
}
