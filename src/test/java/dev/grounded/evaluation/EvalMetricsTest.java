package dev.grounded.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.grounded.evaluation.EvalCase.Expect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalMetricsTest {

    @Test
    void tokenF1IsSquadsOverlapOfWords() {
        // Six words (44.90 is two), all in the reference of eight: precision 1, recall 0.75.
        assertThat(EvalMetrics.tokenF1("Fibre 1000 costs 44.90 EUR.", "Fibre 1000 costs 44.90 EUR per month"))
                .isCloseTo(2 * 1.0 * 0.75 / 1.75, within(1e-9));
        assertThat(EvalMetrics.tokenF1("the same words", "The same, words!")).isEqualTo(1.0);
        assertThat(EvalMetrics.tokenF1("nothing shared", "other text")).isZero();
    }

    @Test
    void percentilesAreNearestRank() {
        double[] values = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(EvalMetrics.percentile(values, 50)).isEqualTo(50);
        assertThat(EvalMetrics.percentile(values, 95)).isEqualTo(100);
        assertThat(EvalMetrics.percentile(new double[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void retrievalRefusalAndHandoffAreCountedByWhatEachCaseExpects() {
        List<CaseResult> results = List.of(
                result(answerCase("a1", List.of("Price list")), "answered", null, List.of("Guide", "Price list")),
                result(answerCase("a2", List.of("Guide")), "not_covered", null, List.of("Price list")),
                result(
                        new EvalCase("r1", "q", null, "en", null, null, Expect.REFUSE, null, List.of("oos")),
                        "not_covered",
                        null,
                        List.of()),
                result(
                        new EvalCase("r2", "q", null, "en", null, null, Expect.REFUSE, null, List.of("oos")),
                        "extractive",
                        null,
                        List.of()),
                result(
                        new EvalCase("h1", "q", null, "en", null, null, Expect.HANDOFF, "customer_request", List.of()),
                        "handoff",
                        "customer_request",
                        List.of()),
                result(answerCase("a3", List.of()), "handoff", "provider_failure", List.of()));

        Map<String, Double> metrics = EvalMetrics.of(results);

        assertThat(metrics.get("hit@1")).isZero();
        assertThat(metrics.get("hit@3")).isEqualTo(0.5);
        assertThat(metrics.get("mrr@10")).isEqualTo(0.25);
        assertThat(metrics.get("answer_rate")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(metrics.get("false_refusal")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(metrics.get("refusal_correct")).isEqualTo(0.5);
        assertThat(metrics.get("handoff_precision")).isEqualTo(0.5);
        assertThat(metrics.get("handoff_recall")).isEqualTo(1.0);
        assertThat(metrics.get("handoff_f1")).isCloseTo(2 * 0.5 / 1.5, within(1e-9));
        assertThat(metrics.get("handoff_reason_accuracy")).isEqualTo(1.0);
        assertThat(metrics).as("no case has a reference answer").doesNotContainKey("answer_f1");
    }

    @Test
    void aGateNamesEachThresholdThatFailsAndRefusesUnknownMetrics() {
        Map<String, Double> metrics = Map.of("hit@5", 0.8, "refusal_correct", 0.9);

        assertThat(Gate.failures(List.of("hit@5=0.9", "refusal_correct=0.5"), metrics))
                .containsExactly("hit@5 = 0.8000 is below 0.9000");
        assertThatThrownBy(() -> Gate.failures(List.of("ndcg@10=0.7"), metrics))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hit@5");
    }

    @Test
    void aBrokenDatasetLineIsReportedWithItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cases.jsonl");
        Files.writeString(file, """
                {"id": "one", "question": "How much?", "expect": "answer"}
                {"id": "two", "question": "Hi", "expect": "maybe"}
                """);
        assertThatThrownBy(() -> EvalDataset.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cases.jsonl line 2");

        Files.writeString(file, """
                {"id": "one", "question": "How much?"}
                {"id": "one", "question": "Again?"}
                """);
        assertThatThrownBy(() -> EvalDataset.load(file))
                .hasMessageContaining("line 2")
                .hasMessageContaining("twice");

        Files.writeString(file, """
                // a comment
                {"id": "one", "question": "How much?", "conversation": ["Hello"], "tags": ["prices"]}
                """);
        EvalDataset dataset = EvalDataset.load(file);
        assertThat(dataset.name()).isEqualTo("cases");
        assertThat(dataset.version()).hasSize(64);
        assertThat(dataset.cases().getFirst().expect()).isEqualTo(Expect.ANSWER);
        assertThat(dataset.cases().getFirst().conversation()).containsExactly("Hello");
    }

    @Test
    void theHtmlReportEscapesWhatTheRunQuotes() {
        EvalCase evalCase = new EvalCase(
                "x<1>", "<b>question</b>", null, "en", null, List.of("Guide"), Expect.ANSWER, null, List.of("t"));
        CaseResult result = new CaseResult(
                evalCase,
                "answered",
                "<script>alert('injected')</script>",
                "en",
                "openai",
                false,
                null,
                List.of("Guide"),
                List.of("Guide <doc>"),
                Map.of("total", 30L),
                30,
                new CaseResult.Judgement(
                        0.5, "<i>half</i> right", 0.5, List.of("<img src=x onerror=alert(1)>"), 0.8, null),
                null);
        List<CaseResult> results = List.of(result);
        EvalReport report = new EvalReport(
                "demo",
                "set",
                "abc",
                EvalMetrics.of(results),
                EvalMetrics.byTag(results),
                EvalMetrics.byLanguage(results),
                Map.of("openai", 1L),
                results,
                Map.of("faithfulness", "judge LLM <model>"),
                List.of());

        String html = HtmlReport.render("run-1", report);

        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;injected&#39;)&lt;/script&gt;")
                .contains("&lt;b&gt;question&lt;/b&gt;")
                .doesNotContain("<img")
                .contains("unsupported: &lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;i&gt;half&lt;/i&gt; right")
                .contains("judge LLM &lt;model&gt;")
                .contains("class=\"bar\"")
                // Metrics named in words and explained, as in the console.
                .contains(MetricNames.label("answer_rate"))
                .contains(e(MetricNames.explanation("answer_rate")));
    }

    private static String e(String text) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(text);
    }

    private static EvalCase answerCase(String id, List<String> sources) {
        return new EvalCase(id, "q", null, "en", null, sources, Expect.ANSWER, null, List.of("documents"));
    }

    private static CaseResult result(EvalCase evalCase, String outcome, String handoffReason, List<String> retrieved) {
        return new CaseResult(
                evalCase,
                outcome,
                outcome.equals("not_covered") ? "I don't know" : "an answer",
                "en",
                "openai",
                false,
                handoffReason,
                retrieved,
                List.of(),
                Map.of("retrieval", 10L, "total", 30L),
                30,
                null,
                null);
    }
}
