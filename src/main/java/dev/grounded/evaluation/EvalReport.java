package dev.grounded.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The outcome of running a dataset against a tenant.
 *
 * @param providers how many replies each provider gave ({@code quick-reply}, {@code extractive} and {@code none}
 *     included), to see how much was answered in degraded mode
 * @param methods how each answer metric was measured: by the judge LLM, or without one (lexical support, embeddings)
 * @param notes what was not measured and why, and what the figures leave out (the warm-up question)
 */
public record EvalReport(
        String tenant,
        String dataset,
        String datasetVersion,
        Map<String, Double> metrics,
        Map<String, Map<String, Double>> byTag,
        Map<String, Map<String, Double>> byLanguage,
        Map<String, Long> providers,
        List<CaseResult> results,
        Map<String, String> methods,
        List<String> notes) {

    public EvalReport {
        // Runs stored before a field existed read back without it.
        methods = methods == null ? Map.of() : methods;
        notes = notes == null ? List.of() : notes;
    }
}
