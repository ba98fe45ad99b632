package dev.grounded.retrieval;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's declaration of what the installation's embedding model reads ({@link LegReading}).
 *
 * @param reads the model's factor per language ({@code grounded.embedding.reads.de=0.3}); empty for the model's own
 *     declaration (bge-small's, or every language alike for another model)
 */
@ConfigurationProperties("grounded.embedding")
public record EmbeddingProperties(
        @DefaultValue Map<String, Double> reads,
        @DefaultValue("0.05") double keywordAcrossLanguages) {}
