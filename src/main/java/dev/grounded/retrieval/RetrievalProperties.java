package dev.grounded.retrieval;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param indexDir where the embedded profile keeps its Lucene index
 * @param candidates how many hits each leg contributes to fusion
 * @param rrfK the constant of reciprocal rank fusion
 * @param keywordWeight weight of the keyword leg in fusion
 * @param denseWeight weight of the dense leg in fusion
 */
@ConfigurationProperties("grounded.retrieval")
public record RetrievalProperties(
        Path indexDir,
        @DefaultValue("30") int candidates,
        @DefaultValue("60") int rrfK,
        @DefaultValue("1.0") double keywordWeight,
        @DefaultValue("1.0") double denseWeight) {}
