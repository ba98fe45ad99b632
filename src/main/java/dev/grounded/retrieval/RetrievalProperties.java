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
 * @param denseWeight weight of the dense leg in fusion. The defaults (k 10, keyword 0.3, dense 1.0) were chosen on
 *     the SciFact train and StackFAQ dev splits (docs/benchmarks.md): the best sum of both nDCG@10 in a grid of k
 *     and weights; equal weights lose 0.08 on StackFAQ, whose paraphrased questions share few words with answers.
 */
@ConfigurationProperties("grounded.retrieval")
public record RetrievalProperties(
        Path indexDir,
        @DefaultValue("30") int candidates,
        @DefaultValue("10") int rrfK,
        @DefaultValue("0.3") double keywordWeight,
        @DefaultValue("1.0") double denseWeight) {

    public ReciprocalRankFusion.Weights weights() {
        return new ReciprocalRankFusion.Weights(keywordWeight, denseWeight, rrfK);
    }
}
