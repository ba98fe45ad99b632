package dev.grounded.conversation;

import dev.grounded.conversation.ConversationStats.Day;
import dev.grounded.conversation.ConversationStats.Gap;
import dev.grounded.conversation.ConversationStats.Latency;
import dev.grounded.conversation.ConversationStats.Replies;
import dev.grounded.conversation.ConversationStats.ToPerson;
import dev.grounded.conversation.internal.InsightQueries;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The dashboard's figures, computed from the stored conversations so that every instance shows the same. */
@Service
public class ConversationInsights {

    /** The longest period one request may cover. */
    public static final int MAX_DAYS = 366;

    /**
     * Messages are counted per quarter of an hour in the database and put into the business's days here: a time zone
     * is at most a quarter of an hour off a whole hour, and both databases agree on epoch seconds.
     */
    private static final int SLOT_SECONDS = 900;

    /** How many of the latest unanswered questions are grouped into the top ones. */
    private static final int GAPS_READ = 5000;

    private static final Pattern NOT_WORDS = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    private final InsightQueries queries;

    ConversationInsights(InsightQueries queries) {
        this.queries = queries;
    }

    /**
     * The figures for the days {@code from} to {@code to}, both included, in {@code zone}.
     *
     * @param topGaps how many of the most often unanswered questions to list
     */
    @Transactional(readOnly = true)
    public ConversationStats stats(TenantId tenant, ZoneId zone, LocalDate from, LocalDate to, int topGaps) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends before it starts: " + from + " to " + to);
        }
        long length = ChronoUnit.DAYS.between(from, to) + 1;
        if (length > MAX_DAYS) {
            throw new IllegalArgumentException("A period is at most " + MAX_DAYS + " days, not " + length);
        }
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Outcomes outcomes = outcomes(tenant, start, end);
        return new ConversationStats(
                from,
                to,
                zone,
                days(tenant, zone, from, to, start, end),
                outcomes.replies(),
                outcomes.handoffs(),
                latency(tenant, start, end),
                gaps(tenant, start, end, topGaps),
                toPerson(tenant, start, end));
    }

    private List<Day> days(TenantId tenant, ZoneId zone, LocalDate from, LocalDate to, Instant start, Instant end) {
        Map<LocalDate, long[]> counts = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            counts.put(day, new long[3]);
        }
        for (InsightQueries.Slot slot : queries.customerAndBotMessages(tenant, start, end, SLOT_SECONDS)) {
            LocalDate day = Instant.ofEpochSecond(slot.slot() * SLOT_SECONDS)
                    .atZone(zone)
                    .toLocalDate();
            long[] count = counts.get(day);
            if (count == null) {
                continue;
            }
            if ("CUSTOMER".equals(slot.role())) {
                count[0] += slot.messages();
            } else {
                count[1] += slot.messages();
                count[2] += slot.handoffs();
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    private record Outcomes(Replies replies, Map<HandoffReason, Long> handoffs) {}

    /** The bot's replies by outcome, how many were degraded, and the handoffs by reason: one pass over the period. */
    private Outcomes outcomes(TenantId tenant, Instant start, Instant end) {
        Map<String, Long> byOutcome = new HashMap<>();
        Map<HandoffReason, Long> reasons = new EnumMap<>(HandoffReason.class);
        long degraded = 0;
        for (InsightQueries.Outcome outcome : queries.botOutcomes(tenant, start, end)) {
            byOutcome.merge(String.valueOf(outcome.outcome()), outcome.replies(), Long::sum);
            if (outcome.degraded()) {
                degraded += outcome.replies();
            }
            if (outcome.handoffReason() != null) {
                reasons.merge(HandoffReason.valueOf(outcome.handoffReason()), outcome.replies(), Long::sum);
            }
        }
        Replies replies = new Replies(
                byOutcome.values().stream().mapToLong(Long::longValue).sum(),
                byOutcome.getOrDefault("answered", 0L),
                byOutcome.getOrDefault("quick_reply", 0L),
                byOutcome.getOrDefault("extractive", 0L),
                byOutcome.getOrDefault("not_covered", 0L),
                byOutcome.getOrDefault("handoff", 0L),
                degraded);
        return new Outcomes(replies, reasons);
    }

    private Latency latency(TenantId tenant, Instant start, Instant end) {
        InsightQueries.Latency latency = queries.botLatency(tenant, start, end);
        return new Latency(latency.p50(), latency.p95());
    }

    /**
     * Walks the agents' and the bot's messages of the conversations handed over in the period, in order: a wait
     * begins with a handoff (later handoffs before an agent writes belong to it) and ends with the agent's first
     * message, which may come after the period.
     */
    private ToPerson toPerson(TenantId tenant, Instant start, Instant end) {
        class Walk {
            final List<Long> waits = new ArrayList<>();
            long handoffs;
            Object conversation;
            Instant waitingSince;
        }
        Walk walk = new Walk();
        for (InsightQueries.Step step : queries.stepsAfterHandoffs(tenant, start, end)) {
            if (!step.conversation().equals(walk.conversation)) {
                walk.conversation = step.conversation();
                walk.waitingSince = null;
            }
            if ("AGENT".equals(step.role())) {
                if (walk.waitingSince != null) {
                    walk.waits.add(
                            Duration.between(walk.waitingSince, step.at()).toSeconds());
                    walk.waitingSince = null;
                }
            } else if (step.handoffReason() != null
                    && walk.waitingSince == null
                    && step.at().isBefore(end)) {
                walk.waitingSince = step.at();
                walk.handoffs++;
            }
        }
        List<Long> waits = walk.waits;
        waits.sort(null);
        return new ToPerson(
                walk.handoffs,
                waits.size(),
                waits.isEmpty() ? null : Math.round(percentile(waits, 0.5)),
                waits.isEmpty() ? null : Math.round(percentile(waits, 0.95)));
    }

    /** Interpolated between the closest ranks, as the databases' {@code percentile_cont}. */
    static double percentile(List<Long> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.size() - 1, below + 1);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (rank - below);
    }

    /**
     * The bot's replies that said the knowledge does not cover the question, or handed over for that, each with the
     * customer message before it; grouped by the question's words.
     */
    private List<Gap> gaps(TenantId tenant, Instant start, Instant end, int top) {
        List<InsightQueries.Unanswered> asked = queries.unanswered(tenant, start, end, GAPS_READ);
        Map<String, List<InsightQueries.Unanswered>> byWords = new LinkedHashMap<>();
        for (InsightQueries.Unanswered question : asked) {
            String words = question.question() == null ? "" : words(question.question());
            if (!words.isEmpty()) {
                byWords.computeIfAbsent(words, k -> new ArrayList<>()).add(question);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (List<InsightQueries.Unanswered> same : byWords.values()) {
            InsightQueries.Unanswered latest = same.getFirst();
            gaps.add(new Gap(latest.question().strip(), latest.language(), same.size(), latest.at()));
        }
        return gaps.stream()
                .sorted(Comparator.comparingLong(Gap::times)
                        .reversed()
                        .thenComparing(Gap::lastAsked, Comparator.reverseOrder()))
                .limit(Math.max(0, top))
                .toList();
    }

    /** A question's words, whatever their case, accents' encoding and punctuation. */
    static String words(String question) {
        String normal = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_WORDS.matcher(normal).replaceAll(" ").strip();
    }
}
