package dev.grounded.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The outcome of running a dataset against a tenant.
 *
 * @param providers how many replies each provider gave ({@code quick-reply}, {@code extractive} and {@code none}
 *     included), to see how much was answered in degraded mode
 * @param notes what was not measured and why (no judge LLM: answer correctness is token F1 only)
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
        List<String> notes) {}
