package dev.grounded.conversation;

import dev.grounded.conversation.ConversationStats.Day;
import dev.grounded.conversation.ConversationStats.Gap;
import dev.grounded.conversation.ConversationStats.Latency;
import dev.grounded.conversation.ConversationStats.Replies;
import dev.grounded.conversation.ConversationStats.ToPerson;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private static final String PERIOD = " from conversation_message m join conversation c on c.id = m.conversation_id"
            + " where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')"
            + " and m.created_at >= :from and m.created_at < :to";

    private static final Pattern NOT_WORDS = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    private final JdbcClient jdbc;

    ConversationInsights(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        jdbc.sql("select floor(extract(epoch from m.created_at) / " + SLOT_SECONDS + ") as slot, m.role,"
                        + " count(*) as n, count(m.handoff_reason) as handoffs"
                        + PERIOD
                        + " and m.role in ('CUSTOMER', 'BOT')"
                        + " group by floor(extract(epoch from m.created_at) / " + SLOT_SECONDS + "), m.role")
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(start))
                .param("to", Timestamp.from(end))
                .query(rs -> {
                    LocalDate day = Instant.ofEpochSecond(rs.getLong("slot") * SLOT_SECONDS)
                            .atZone(zone)
                            .toLocalDate();
                    long[] count = counts.get(day);
                    if (count == null) {
                        return;
                    }
                    if ("CUSTOMER".equals(rs.getString("role"))) {
                        count[0] += rs.getLong("n");
                    } else {
                        count[1] += rs.getLong("n");
                        count[2] += rs.getLong("handoffs");
                    }
                });
        return counts.entrySet().stream()
                .map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    private record Outcomes(Replies replies, Map<HandoffReason, Long> handoffs) {}

    /** The bot's replies by outcome, how many were degraded, and the handoffs by reason: one pass over the period. */
    private Outcomes outcomes(TenantId tenant, Instant start, Instant end) {
        Map<String, Long> byOutcome = new HashMap<>();
        Map<HandoffReason, Long> reasons = new EnumMap<>(HandoffReason.class);
        long[] degraded = {0};
        jdbc.sql("select m.outcome, m.degraded, m.handoff_reason, count(*) as n" + PERIOD + " and m.role = 'BOT'"
                        + " group by m.outcome, m.degraded, m.handoff_reason")
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(start))
                .param("to", Timestamp.from(end))
                .query(rs -> {
                    long n = rs.getLong("n");
                    byOutcome.merge(String.valueOf(rs.getString("outcome")), n, Long::sum);
                    if (rs.getBoolean("degraded")) {
                        degraded[0] += n;
                    }
                    String reason = rs.getString("handoff_reason");
                    if (reason != null) {
                        reasons.merge(HandoffReason.valueOf(reason), n, Long::sum);
                    }
                });
        Replies replies = new Replies(
                byOutcome.values().stream().mapToLong(Long::longValue).sum(),
                byOutcome.getOrDefault("answered", 0L),
                byOutcome.getOrDefault("quick_reply", 0L),
                byOutcome.getOrDefault("extractive", 0L),
                byOutcome.getOrDefault("not_covered", 0L),
                byOutcome.getOrDefault("handoff", 0L),
                degraded[0]);
        return new Outcomes(replies, reasons);
    }

    private Latency latency(TenantId tenant, Instant start, Instant end) {
        return jdbc.sql("select percentile_cont(0.5) within group (order by m.latency_ms) as p50,"
                        + " percentile_cont(0.95) within group (order by m.latency_ms) as p95"
                        + PERIOD
                        + " and m.role = 'BOT' and m.latency_ms is not null")
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(start))
                .param("to", Timestamp.from(end))
                .query((rs, row) -> new Latency(rounded(rs.getObject("p50")), rounded(rs.getObject("p95"))))
                .single();
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
        jdbc.sql("select m.conversation_id, m.role, m.handoff_reason, m.created_at"
                        + " from conversation_message m join conversation c on c.id = m.conversation_id"
                        + " where m.tenant_id = :tenant and c.channel in ('API', 'WHATSAPP')"
                        + " and m.created_at >= :from and m.role in ('BOT', 'AGENT')"
                        + " and m.conversation_id in (select h.conversation_id from conversation_message h"
                        + "   where h.tenant_id = :tenant and h.handoff_reason is not null"
                        + "   and h.created_at >= :from and h.created_at < :to)"
                        + " order by m.conversation_id, m.seq")
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(start))
                .param("to", Timestamp.from(end))
                .query(rs -> {
                    Object conversation = rs.getObject("conversation_id");
                    Instant at = rs.getTimestamp("created_at").toInstant();
                    if (!conversation.equals(walk.conversation)) {
                        walk.conversation = conversation;
                        walk.waitingSince = null;
                    }
                    if ("AGENT".equals(rs.getString("role"))) {
                        if (walk.waitingSince != null) {
                            walk.waits.add(
                                    Duration.between(walk.waitingSince, at).toSeconds());
                            walk.waitingSince = null;
                        }
                    } else if (rs.getString("handoff_reason") != null
                            && walk.waitingSince == null
                            && at.isBefore(end)) {
                        walk.waitingSince = at;
                        walk.handoffs++;
                    }
                });
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

    private static Long rounded(Object percentile) {
        return percentile == null ? null : Math.round(((Number) percentile).doubleValue());
    }

    /**
     * The bot's replies that said the knowledge does not cover the question, or handed over for that, each with the
     * customer message before it; grouped by the question's words.
     */
    private List<Gap> gaps(TenantId tenant, Instant start, Instant end, int top) {
        record Asked(String question, String language, Instant at) {}
        List<Asked> asked = jdbc.sql("select m.created_at, m.language,"
                        + " (select q.text from conversation_message q where q.conversation_id = m.conversation_id"
                        + "   and q.role = 'CUSTOMER' and q.seq < m.seq order by q.seq desc fetch first 1 rows only)"
                        + "   as question"
                        + PERIOD
                        + " and m.role = 'BOT'"
                        + " and (m.outcome = 'not_covered' or m.handoff_reason = 'MISSING_KNOWLEDGE')"
                        + " order by m.created_at desc fetch first " + GAPS_READ + " rows only")
                .param("tenant", tenant.value())
                .param("from", Timestamp.from(start))
                .param("to", Timestamp.from(end))
                .query((rs, row) -> new Asked(
                        rs.getString("question"),
                        rs.getString("language"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        Map<String, List<Asked>> byWords = new LinkedHashMap<>();
        for (Asked question : asked) {
            String words = question.question() == null ? "" : words(question.question());
            if (!words.isEmpty()) {
                byWords.computeIfAbsent(words, k -> new ArrayList<>()).add(question);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (List<Asked> same : byWords.values()) {
            Asked latest = same.getFirst();
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
