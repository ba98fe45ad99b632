package dev.grounded.conversation;

import dev.grounded.handoff.HandoffReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * How the tenant's customers were served over whole days in the business's time zone: for the dashboard. Only
 * conversations with customers (WhatsApp and the API) count; the Playground and evaluation runs do not.
 *
 * @param days every day of the period, oldest first, including days without messages
 * @param handoffs the replies that handed the conversation to a person, by reason
 * @param gaps the questions the knowledge did not answer, most often asked first
 * @param toPerson how long customers handed to a person waited for one
 */
public record ConversationStats(
        LocalDate from,
        LocalDate to,
        ZoneId zone,
        List<Day> days,
        Replies replies,
        Map<HandoffReason, Long> handoffs,
        Latency latency,
        List<Gap> gaps,
        ToPerson toPerson) {

    public long customerMessages() {
        return days.stream().mapToLong(Day::customerMessages).sum();
    }

    /** One day of the period: what customers wrote, what the bot replied and how often it handed over. */
    public record Day(LocalDate date, long customerMessages, long replies, long handoffs) {}

    /**
     * The bot's replies by outcome.
     *
     * @param generated answered by a chat provider from the knowledge
     * @param extractive answered from the knowledge alone while no provider could (also counted in {@code degraded})
     * @param notCovered told the customer the knowledge does not cover the question
     * @param handedOff handed the conversation to a person
     * @param degraded produced while no chat provider answered (extractive answers and holding messages)
     */
    public record Replies(
            long total,
            long generated,
            long quickReplies,
            long extractive,
            long notCovered,
            long handedOff,
            long degraded) {

        /** Replies that answered the question from the knowledge: generated, quick replies and extractive. */
        public double answerRate() {
            return share(generated + quickReplies + extractive);
        }

        public double quickReplyRate() {
            return share(quickReplies);
        }

        public double handoffRate() {
            return share(handedOff);
        }

        public double degradedRate() {
            return share(degraded);
        }

        private double share(long count) {
            return total == 0 ? 0 : (double) count / total;
        }
    }

    /**
     * How long customers handed to a person in the period waited for an agent's first message, whenever it came.
     *
     * @param handoffs the waits that began in the period: a handoff, and the next ones until an agent wrote
     * @param answered the waits an agent ended by writing (the rest still wait, or were released or closed unanswered)
     * @param p50Seconds the median wait of those answered; null when none was
     */
    public record ToPerson(long handoffs, long answered, Long p50Seconds, Long p95Seconds) {

        public long unanswered() {
            return handoffs - answered;
        }
    }

    /** Reply latency percentiles in milliseconds; null when there were no replies. */
    public record Latency(Long p50Ms, Long p95Ms) {}

    /**
     * A question the knowledge did not answer (the bot said so, or handed over for it), grouped with the same
     * question asked in other words of case and punctuation.
     *
     * @param question as the customer last wrote it
     * @param times how often it went unanswered in the period
     */
    public record Gap(String question, String language, long times, Instant lastAsked) {}
}
