package dev.grounded.evaluation;

import java.util.Map;
import java.util.Set;

/**
 * What each of the harness's metrics means, for the people reading a run: a name in words, one sentence, and which way
 * is better. The keys stay the CLI's, shown beside the name, so a run in the console and in a report read alike.
 */
public final class MetricNames {

    private record Metric(String label, String explanation) {}

    private static final Map<String, Metric> METRICS = Map.ofEntries(
            Map.entry("cases", new Metric("Cases", "Questions in the run.")),
            Map.entry(
                    "hit@1",
                    new Metric("Right passage first", "Share of questions whose first passage is an expected source.")),
            Map.entry(
                    "hit@3",
                    new Metric(
                            "Right passage in top 3", "Share of questions with an expected source among the first 3.")),
            Map.entry(
                    "hit@5",
                    new Metric(
                            "Right passage in top 5", "Share of questions with an expected source among the first 5.")),
            Map.entry(
                    "mrr@10",
                    new Metric("Mean reciprocal rank", "1 when the first expected source is ranked first, ½ second…")),
            Map.entry(
                    "ndcg@10",
                    new Metric("Ranking quality (nDCG@10)", "How high the expected sources rank in the first 10.")),
            Map.entry("recall@5", new Metric("Sources found in top 5", "Share of expected sources among the first 5.")),
            Map.entry(
                    "recall@10",
                    new Metric("Sources found in top 10", "Share of expected sources among the first 10.")),
            Map.entry("answer_rate", new Metric("Answered", "Share of answerable questions the bot answered.")),
            Map.entry(
                    "false_refusal",
                    new Metric("Wrongly refused", "Share of answerable questions the bot said it could not answer.")),
            Map.entry(
                    "refusal_correct",
                    new Metric("Rightly refused", "Share of out-of-scope questions the bot declined to answer.")),
            Map.entry(
                    "answer_f1",
                    new Metric("Word overlap with the expected answer", "Token F1 against the reference answer.")),
            Map.entry(
                    "answer_correctness",
                    new Metric("Correct (judged)", "The judge model's score of the answer against the reference.")),
            Map.entry(
                    "faithfulness",
                    new Metric("Supported by the sources", "Share of the answer's claims the passages support.")),
            Map.entry(
                    "answer_relevancy",
                    new Metric(
                            "On topic (judged)", "The judge model's score of how well the answer fits the question.")),
            Map.entry("judge_errors", new Metric("Judge errors", "Cases the judge model could not grade.")),
            Map.entry(
                    "language_match",
                    new Metric("Answered in the customer's language", "Share of answers in the question's language.")),
            Map.entry(
                    "handoff_precision",
                    new Metric(
                            "Handoffs that were right", "Of the chats handed to a person, the share that should be.")),
            Map.entry(
                    "handoff_recall",
                    new Metric("Handoffs caught", "Of the chats that should go to a person, the share that did.")),
            Map.entry("handoff_f1", new Metric("Handoff balance (F1)", "Precision and recall of handoffs together.")),
            Map.entry(
                    "handoff_reason_accuracy",
                    new Metric("Handoff reason right", "Share of handoffs with the expected reason.")),
            Map.entry(
                    "degraded_rate",
                    new Metric("Degraded answers", "Share of answers given without an AI provider (quoted).")),
            Map.entry("latency_p50_ms", new Metric("Reply time, median (ms)", "Half of the replies took less.")),
            Map.entry("latency_p95_ms", new Metric("Reply time, p95 (ms)", "95 of 100 replies took less.")),
            Map.entry("latency_p99_ms", new Metric("Reply time, p99 (ms)", "99 of 100 replies took less.")),
            Map.entry("retrieval_p50_ms", new Metric("Search time, median (ms)", "Half of the searches took less.")),
            Map.entry("retrieval_p95_ms", new Metric("Search time, p95 (ms)", "95 of 100 searches took less.")),
            Map.entry("retrieval_p99_ms", new Metric("Search time, p99 (ms)", "99 of 100 searches took less.")),
            Map.entry(
                    "generation_p50_ms",
                    new Metric("AI provider time, median (ms)", "Half of the providers' answers took less.")),
            Map.entry(
                    "generation_p95_ms",
                    new Metric("AI provider time, p95 (ms)", "95 of 100 providers' answers took less.")),
            Map.entry(
                    "generation_p99_ms",
                    new Metric("AI provider time, p99 (ms)", "99 of 100 providers' answers took less.")));

    /** Lower is better for these and for every time in milliseconds; for every other metric higher is. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("false_refusal", "degraded_rate", "judge_errors");

    /** Not a quality: a change in these is neither better nor worse. */
    private static final Set<String> NEUTRAL = Set.of("cases");

    private MetricNames() {}

    public static String label(String key) {
        Metric metric = METRICS.get(key);
        return metric == null ? key : metric.label();
    }

    public static String explanation(String key) {
        Metric metric = METRICS.get(key);
        return metric == null ? key : metric.explanation() + " (" + key + ")";
    }

    /** A change of {@code change} in the metric: below zero worse, above zero better, zero neither. */
    public static int direction(String key, double change) {
        if (NEUTRAL.contains(key) || change == 0) {
            return 0;
        }
        boolean lowerIsBetter = LOWER_IS_BETTER.contains(key) || key.endsWith("_ms");
        return (lowerIsBetter ? -change : change) > 0 ? 1 : -1;
    }

    /** Counts and milliseconds are figures; every other metric is a share from 0 to 1. */
    public static boolean isRate(String key) {
        return !key.equals("cases") && !key.equals("judge_errors") && !key.endsWith("_ms");
    }
}
