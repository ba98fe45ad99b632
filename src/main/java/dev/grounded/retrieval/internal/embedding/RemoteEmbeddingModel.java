package dev.grounded.retrieval.internal.embedding;

import dev.grounded.retrieval.EmbeddingProperties;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

/**
 * An OpenAI-compatible embeddings endpoint through Spring AI's {@link OpenAiEmbeddingModel}, with the vector size the
 * operator declared: Spring AI would otherwise embed a test string to learn it, a network call at startup that fails
 * the start when the endpoint is down. The OpenAI client retries 408, 429 and 5xx answers and timeouts with backoff.
 */
public class RemoteEmbeddingModel extends OpenAiEmbeddingModel {

    private final String name;
    private final int dimensions;

    RemoteEmbeddingModel(EmbeddingProperties properties) {
        super(MetadataMode.EMBED, options(properties));
        this.name = properties.model();
        this.dimensions = properties.dimensions();
    }

    private static OpenAiEmbeddingOptions options(EmbeddingProperties properties) {
        var options = OpenAiEmbeddingOptions.builder()
                .model(properties.model())
                .apiKey(properties.apiKey() == null || properties.apiKey().isBlank() ? "none" : properties.apiKey())
                .timeout(properties.timeout())
                .maxRetries(properties.maxRetries());
        if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            options.baseUrl(properties.baseUrl());
        }
        return options.build();
    }

    /** The model's name as the endpoint knows it. */
    public String name() {
        return name;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }
}
