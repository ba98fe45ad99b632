package dev.grounded.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking metrics as BEIR and pytrec_eval define them, for one query: {@code ranked} is the retrieved ids best
 * first (duplicates count once, at their best rank), {@code relevant} maps judged ids to their graded relevance (0
 * means judged not relevant).
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {}

    /** Normalised discounted cumulative gain over the first {@code k} results, with linear gain as trec_eval uses. */
    public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
        List<String> top = distinct(ranked, k);
        double dcg = 0;
        for (int i = 0; i < top.size(); i++) {
            dcg += relevant.getOrDefault(top.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = relevant.values().stream()
                .filter(r -> r > 0)
                .sorted((a, b) -> b - a)
                .limit(k)
                .toList();
        double idcg = 0;
        for (int i = 0; i < ideal.size(); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant ids found in the first {@code k} results. */
    public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
        long total = relevant.values().stream().filter(r -> r > 0).count();
        if (total == 0) {
            return 0;
        }
        long found = distinct(ranked, k).stream()
                .filter(id -> relevant.getOrDefault(id, 0) > 0)
                .count();
        return (double) found / total;
    }

    /** Reciprocal rank of the first relevant result within the first {@code k}, 0 when there is none. */
    public static double reciprocalRank(List<String> ranked, Map<String, Integer> relevant, int k) {
        List<String> top = distinct(ranked, k);
        for (int i = 0; i < top.size(); i++) {
            if (relevant.getOrDefault(top.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** 1 when a relevant result is among the first {@code k}, else 0. */
    public static double hit(List<String> ranked, Map<String, Integer> relevant, int k) {
        return reciprocalRank(ranked, relevant, k) > 0 ? 1 : 0;
    }

    private static List<String> distinct(List<String> ranked, int k) {
        Set<String> seen = new HashSet<>();
        return ranked.stream().filter(seen::add).limit(k).toList();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
