package dev.grounded.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Thresholds such as {@code ndcg@10=0.74} checked against a run's metrics, for CI to gate on. */
public final class Gate {

    private Gate() {}

    /**
     * @return one line per threshold that failed; empty when all hold
     * @throws IllegalArgumentException for a threshold that is not {@code metric=number} or names no metric the run has
     */
    public static List<String> failures(List<String> thresholds, Map<String, Double> metrics) {
        List<String> failures = new ArrayList<>();
        for (String threshold : thresholds) {
            String[] parts = threshold.split("=", 2);
            if (parts.length != 2 || !metrics.containsKey(parts[0])) {
                throw new IllegalArgumentException(
                        "--min takes metric=value with a metric among " + metrics.keySet() + ", not " + threshold);
            }
            double minimum;
            try {
                minimum = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--min " + threshold + ": " + parts[1] + " is not a number");
            }
            double actual = metrics.get(parts[0]);
            if (actual < minimum) {
                failures.add(String.format(Locale.ROOT, "%s = %.4f is below %.4f", parts[0], actual, minimum));
            }
        }
        return failures;
    }
}
