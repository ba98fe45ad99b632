package dev.grounded.retrieval;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide retrieval defaults; a tenant's settings may override the fusion weights.
 *
 * @param indexDir where the embedded profile keeps its Lucene index
 * @param candidates how many hits each leg contributes to fusion
 * @param rrfK the constant of reciprocal rank fusion
 * @param keywordWeight weight of the keyword leg in fusion
 * @param denseWeight weight of the dense leg in fusion
 * @param keywordCoverageExponent the keyword leg's vote on a passage is scaled by the passage's coverage of the
 *     question to this power ({@link ReciprocalRankFusion}). The defaults (k 10, keyword 0.5, dense 1.0, exponent 1)
 *     were chosen on the SciFact train, StackFAQ dev and XQuAD development splits (docs/benchmarks.md): the best sum
 *     over the English sets with every same-language XQuAD pair at least as good as the keyword leg alone. Without
 *     the coverage no one setting served both: StackFAQ's paraphrased questions want the dense leg (keyword 0.3,
 *     dense 1.0), XQuAD's questions, which repeat the passage's words, the keyword leg.
 */
@ConfigurationProperties("grounded.retrieval")
public record RetrievalProperties(
        Path indexDir,
        @DefaultValue("30") int candidates,
        @DefaultValue("10") int rrfK,
        @DefaultValue("0.5") double keywordWeight,
        @DefaultValue("1.0") double denseWeight,
        @DefaultValue("1") double keywordCoverageExponent) {

    public ReciprocalRankFusion.Weights weights() {
        return new ReciprocalRankFusion.Weights(keywordWeight, denseWeight, rrfK);
    }
}
