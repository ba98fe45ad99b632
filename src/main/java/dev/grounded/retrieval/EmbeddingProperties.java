package dev.grounded.retrieval;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation's embedding model: the in-process bge-small by default, or an OpenAI-compatible embeddings
 * endpoint (OpenAI, or a self-hosted server such as Ollama, vLLM or Text Embeddings Inference serving a multilingual
 * model like bge-m3 or multilingual-e5), and what it reads ({@link LegReading}).
 *
 * @param reads the model's factor per language ({@code grounded.embedding.reads.de=0.3}); empty for the model's own
 *     declaration (bge-small's, or every language alike for another model)
 * @param provider {@code bge-small} (in process, offline) or {@code openai} (an OpenAI-compatible endpoint)
 * @param baseUrl with {@code openai}: the endpoint's base URL, up to {@code /v1}; OpenAI's own when empty
 * @param apiKey with {@code openai}: the key, when the endpoint wants one
 * @param model with {@code openai}: the model's name as the endpoint knows it
 * @param dimensions with {@code openai}: the size of the model's vectors (1024 for bge-m3, 1536 for
 *     text-embedding-3-small), declared so that nothing has to call the endpoint to learn it
 * @param timeout with {@code openai}: how long one call may take
 * @param maxRetries with {@code openai}: how often a call that failed with 408, 429 or a 5xx, or timed out, is retried
 *     (with backoff, honouring Retry-After)
 */
@ConfigurationProperties("grounded.embedding")
public record EmbeddingProperties(
        @DefaultValue Map<String, Double> reads,
        @DefaultValue("bge-small") String provider,
        String baseUrl,
        String apiKey,
        String model,
        Integer dimensions,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("3") int maxRetries) {

    public EmbeddingProperties {
        String chosen = provider == null ? "bge-small" : provider.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("bge-small") && !chosen.equals("openai")) {
            throw new IllegalArgumentException(
                    "grounded.embedding.provider must be bge-small or openai, was " + provider);
        }
        if (chosen.equals("openai")) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("grounded.embedding.model is required with the openai provider");
            }
            if (dimensions == null || dimensions <= 0) {
                throw new IllegalArgumentException("grounded.embedding.dimensions (the size of " + model
                        + "'s vectors) is required with the" + " openai provider");
            }
        }
        provider = chosen;
    }

    /** Whether the model is an OpenAI-compatible endpoint rather than the in-process default. */
    public boolean remote() {
        return provider.equals("openai");
    }
}
