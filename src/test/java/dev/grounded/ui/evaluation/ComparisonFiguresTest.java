package dev.grounded.ui.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.evaluation.MetricNames;
import org.junit.jupiter.api.Test;

/** How a comparison reads: shares as percentages, and a change marked by whether it is better or worse. */
class ComparisonFiguresTest {

    @Test
    void sharesReadAsPercentagesAndCountsAsWholeNumbers() {
        assertThat(EvaluationsView.figure("answer_rate", 0.8125)).isEqualTo("81.3%");
        assertThat(EvaluationsView.figure("cases", 34.0)).isEqualTo("34");
        assertThat(EvaluationsView.figure("latency_p95_ms", 1234.6)).isEqualTo("1235");
    }

    @Test
    void aRegressionIsMarkedWhicheverWayItsMetricPoints() {
        assertThat(EvaluationsView.change("answer_rate", -0.05).getClassNames()).containsExactly("regression");
        assertThat(EvaluationsView.change("answer_rate", -0.05).getText()).isEqualTo("-5.0 pts ▼ worse");
        assertThat(EvaluationsView.change("latency_p50_ms", 120.0).getClassNames())
                .containsExactly("regression");
        assertThat(EvaluationsView.change("retrieval_p95_ms", 29.0).getClassNames())
                .containsExactly("regression");
        assertThat(EvaluationsView.change("generation_p50_ms", -300.0).getClassNames())
                .containsExactly("improvement");
        assertThat(EvaluationsView.change("false_refusal", -0.1).getClassNames())
                .containsExactly("improvement");
        assertThat(EvaluationsView.change("ndcg@10", 0.02).getClassNames()).containsExactly("improvement");
        assertThat(EvaluationsView.change("answer_rate", 0.0).getClassNames()).isEmpty();
        assertThat(EvaluationsView.change("cases", 3.0).getClassNames()).isEmpty();
    }

    @Test
    void everyMetricTheHarnessReportsHasAName() {
        for (String key : java.util.List.of(
                "cases",
                "hit@1",
                "hit@3",
                "hit@5",
                "mrr@10",
                "ndcg@10",
                "recall@5",
                "recall@10",
                "answer_rate",
                "false_refusal",
                "refusal_correct",
                "answer_f1",
                "answer_correctness",
                "faithfulness",
                "answer_relevancy",
                "judge_errors",
                "language_match",
                "handoff_precision",
                "handoff_recall",
                "handoff_f1",
                "handoff_reason_accuracy",
                "degraded_rate",
                "latency_p50_ms",
                "latency_p95_ms",
                "latency_p99_ms",
                "retrieval_p50_ms",
                "retrieval_p95_ms",
                "retrieval_p99_ms",
                "generation_p50_ms",
                "generation_p95_ms",
                "generation_p99_ms")) {
            assertThat(MetricNames.label(key)).as(key).isNotEqualTo(key);
        }
    }
}
