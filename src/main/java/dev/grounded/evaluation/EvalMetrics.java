package dev.grounded.evaluation;

import dev.grounded.evaluation.EvalCase.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of a set of case results, as one flat map with the CLI's keys. A metric no case applies to is left out,
 * never reported as zero.
 */
public final class EvalMetrics {

    private EvalMetrics() {}

    public static Map<String, Double> of(List<CaseResult> results) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cases", (double) results.size());

        // Retrieval, against the expected sources.
        List<CaseResult> withSources =
                filter(results, r -> !r.evalCase().expectedSources().isEmpty());
        if (!withSources.isEmpty()) {
            for (int k : new int[] {1, 3, 5}) {
                metrics.put("hit@" + k, mean(withSources, r -> RetrievalMetrics.hit(ranked(r), relevant(r), k)));
            }
            metrics.put("mrr@10", mean(withSources, r -> RetrievalMetrics.reciprocalRank(ranked(r), relevant(r), 10)));
            metrics.put("ndcg@10", mean(withSources, r -> RetrievalMetrics.ndcg(ranked(r), relevant(r), 10)));
            metrics.put("recall@5", mean(withSources, r -> RetrievalMetrics.recall(ranked(r), relevant(r), 5)));
            metrics.put("recall@10", mean(withSources, r -> RetrievalMetrics.recall(ranked(r), relevant(r), 10)));
        }

        // Answers and refusals.
        List<CaseResult> toAnswer = filter(results, r -> r.evalCase().expect() == Expect.ANSWER);
        List<CaseResult> toRefuse = filter(results, r -> r.evalCase().expect() == Expect.REFUSE);
        if (!toAnswer.isEmpty()) {
            metrics.put("answer_rate", mean(toAnswer, r -> r.answered() ? 1 : 0));
            metrics.put("false_refusal", mean(toAnswer, r -> r.refused() ? 1 : 0));
        }
        if (!toRefuse.isEmpty()) {
            metrics.put("refusal_correct", mean(toRefuse, r -> r.refused() ? 1 : 0));
        }
        List<CaseResult> withReference = filter(
                toAnswer,
                r -> r.evalCase().expectedAnswer() != null
                        && !r.evalCase().expectedAnswer().isBlank());
        if (!withReference.isEmpty()) {
            metrics.put(
                    "answer_f1",
                    mean(
                            withReference,
                            r -> r.answer() == null
                                    ? 0
                                    : tokenF1(r.answer(), r.evalCase().expectedAnswer())));
        }
        putMean(metrics, "answer_correctness", results, CaseResult.Judgement::correctness);
        putMean(metrics, "faithfulness", results, CaseResult.Judgement::faithfulness);
        putMean(metrics, "answer_relevancy", results, CaseResult.Judgement::relevancy);
        long judgeErrors = results.stream()
                .filter(r -> r.judgement() != null && r.judgement().error() != null)
                .count();
        if (judgeErrors > 0) {
            metrics.put("judge_errors", (double) judgeErrors);
        }
        List<CaseResult> withLanguage = filter(results, r -> r.evalCase().language() != null && r.answer() != null);
        if (!withLanguage.isEmpty()) {
            metrics.put(
                    "language_match",
                    mean(withLanguage, r -> r.evalCase().language().equals(r.language()) ? 1 : 0));
        }

        // Handoff as a classification: expected handoff versus handed off.
        long truePositives = results.stream()
                .filter(r -> r.evalCase().expect() == Expect.HANDOFF && r.handedOff())
                .count();
        long predicted = results.stream().filter(CaseResult::handedOff).count();
        long actual = results.stream()
                .filter(r -> r.evalCase().expect() == Expect.HANDOFF)
                .count();
        if (actual > 0) {
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = (double) truePositives / actual;
            metrics.put("handoff_precision", precision);
            metrics.put("handoff_recall", recall);
            metrics.put("handoff_f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
            List<CaseResult> withReason = filter(
                    results,
                    r -> r.evalCase().expect() == Expect.HANDOFF
                            && r.handedOff()
                            && r.evalCase().handoffReason() != null);
            if (!withReason.isEmpty()) {
                metrics.put(
                        "handoff_reason_accuracy",
                        mean(withReason, r -> r.evalCase().handoffReason().equals(r.handoffReason()) ? 1 : 0));
            }
        }

        // Degradation and latency.
        if (!results.isEmpty()) {
            metrics.put("degraded_rate", mean(results, r -> r.degraded() ? 1 : 0));
            double[] total = results.stream().mapToDouble(CaseResult::latencyMs).toArray();
            metrics.put("latency_p50_ms", percentile(total, 50));
            metrics.put("latency_p95_ms", percentile(total, 95));
            metrics.put("latency_p99_ms", percentile(total, 99));
            for (String stage : List.of("retrieval", "generation")) {
                double[] values = results.stream()
                        .filter(r -> r.stageMs().containsKey(stage))
                        .mapToDouble(r -> r.stageMs().get(stage))
                        .toArray();
                if (values.length > 0) {
                    metrics.put(stage + "_p50_ms", percentile(values, 50));
                    metrics.put(stage + "_p95_ms", percentile(values, 95));
                    metrics.put(stage + "_p99_ms", percentile(values, 99));
                }
            }
        }
        return metrics;
    }

    /** The metrics of each tag's cases. */
    public static Map<String, Map<String, Double>> byTag(List<CaseResult> results) {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        for (CaseResult result : results) {
            for (String tag : result.evalCase().tags()) {
                groups.computeIfAbsent(tag, t -> new ArrayList<>()).add(result);
            }
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        groups.forEach((tag, group) -> metrics.put(tag, of(group)));
        return metrics;
    }

    /** The metrics of each expected language's cases (cases without one under "any"). */
    public static Map<String, Map<String, Double>> byLanguage(List<CaseResult> results) {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        for (CaseResult result : results) {
            String language = result.evalCase().language() == null
                    ? "any"
                    : result.evalCase().language();
            groups.computeIfAbsent(language, l -> new ArrayList<>()).add(result);
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        groups.forEach((language, group) -> metrics.put(language, of(group)));
        return metrics;
    }

    /**
     * SQuAD's token F1: the overlap of the two texts' words (lower-cased, without punctuation), as the harmonic mean
     * of precision and recall.
     */
    public static double tokenF1(String answer, String reference) {
        List<String> predicted = tokens(answer);
        List<String> expected = tokens(reference);
        if (predicted.isEmpty() || expected.isEmpty()) {
            return predicted.equals(expected) ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (String token : predicted) {
            Integer left = counts.get(token);
            if (left != null && left > 0) {
                common++;
                counts.put(token, left - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / predicted.size();
        double recall = (double) common / expected.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static List<String> tokens(String text) {
        String normalized = text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }

    private static List<String> ranked(CaseResult result) {
        return result.retrieved().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    private static Map<String, Integer> relevant(CaseResult result) {
        Map<String, Integer> relevant = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String source : result.evalCase().expectedSources()) {
            if (seen.add(source.toLowerCase(Locale.ROOT))) {
                relevant.put(source.toLowerCase(Locale.ROOT), 1);
            }
        }
        return relevant;
    }

    /** The mean of a score over the cases that have one; left out when none has. */
    private static void putMean(
            Map<String, Double> metrics,
            String name,
            List<CaseResult> results,
            Function<CaseResult.Judgement, Double> score) {
        results.stream()
                .map(CaseResult::judgement)
                .filter(j -> j != null && score.apply(j) != null)
                .mapToDouble(j -> score.apply(j))
                .average()
                .ifPresent(mean -> metrics.put(name, mean));
    }

    private static List<CaseResult> filter(List<CaseResult> results, Predicate<CaseResult> keep) {
        return results.stream().filter(keep).toList();
    }

    private static double mean(List<CaseResult> results, ToDoubleFunction<CaseResult> value) {
        return results.stream().mapToDouble(value).average().orElse(0);
    }
}
