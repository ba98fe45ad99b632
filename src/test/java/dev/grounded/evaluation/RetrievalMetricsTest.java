package dev.grounded.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values checked by hand against the trec_eval definitions BEIR uses. */
class RetrievalMetricsTest {

    private static final Map<String, Integer> RELEVANT = Map.of("a", 1, "b", 1, "x", 0);

    @Test
    void ndcgDiscountsByTheLogOfTheRank() {
        // Relevant at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
        double dcg = 1 / log2(3) + 1 / log2(5);
        double ideal = 1 + 1 / log2(3);
        assertThat(RetrievalMetrics.ndcg(List.of("x", "a", "y", "b"), RELEVANT, 10))
                .isCloseTo(dcg / ideal, within(1e-12));
        assertThat(RetrievalMetrics.ndcg(List.of("a", "b"), RELEVANT, 10)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.ndcg(List.of("y", "a"), RELEVANT, 1)).isZero();
    }

    @Test
    void gradedRelevanceUsesLinearGain() {
        Map<String, Integer> graded = Map.of("a", 2, "b", 1);
        double dcg = 1 + 2 / log2(3);
        double ideal = 2 + 1 / log2(3);
        assertThat(RetrievalMetrics.ndcg(List.of("b", "a"), graded, 10)).isCloseTo(dcg / ideal, within(1e-12));
    }

    @Test
    void recallCountsTheShareOfRelevantFound() {
        assertThat(RetrievalMetrics.recall(List.of("a", "y", "b"), RELEVANT, 2)).isEqualTo(0.5);
        assertThat(RetrievalMetrics.recall(List.of("a", "y", "b"), RELEVANT, 3)).isEqualTo(1.0);
        // Judged not relevant (0) is not relevant.
        assertThat(RetrievalMetrics.recall(List.of("x"), RELEVANT, 10)).isZero();
    }

    @Test
    void reciprocalRankAndHitLookAtTheFirstRelevant() {
        assertThat(RetrievalMetrics.reciprocalRank(List.of("x", "y", "b"), RELEVANT, 10))
                .isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RetrievalMetrics.reciprocalRank(List.of("x", "y", "b"), RELEVANT, 2))
                .isZero();
        assertThat(RetrievalMetrics.hit(List.of("x", "b"), RELEVANT, 1)).isZero();
        assertThat(RetrievalMetrics.hit(List.of("x", "b"), RELEVANT, 2)).isEqualTo(1.0);
    }

    @Test
    void aDuplicateCountsOnceAtItsBestRank() {
        assertThat(RetrievalMetrics.recall(List.of("a", "a", "b"), RELEVANT, 2)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.ndcg(List.of("a", "a", "b"), RELEVANT, 10)).isEqualTo(1.0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
