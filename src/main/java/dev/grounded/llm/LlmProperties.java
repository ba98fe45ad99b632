package dev.grounded.llm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chat providers and how calls fail over between them.
 *
 * @param order the global order providers are tried in, by name; configured providers not named follow
 * @param budget the longest one call through the chain may take, all attempts together
 * @param failureThreshold consecutive failures after which a provider's circuit opens
 * @param openDuration how long an open circuit skips its provider before one trial call is let through
 * @param providers by name; a provider is configured when it has an API key (or is explicitly enabled, for local
 *     servers that need none)
 */
@ConfigurationProperties("grounded.llm")
public record LlmProperties(
        @DefaultValue({"openai", "gemini", "anthropic"}) List<String> order,
        @DefaultValue("20s") Duration budget,
        @DefaultValue("3") int failureThreshold,
        @DefaultValue("60s") Duration openDuration,
        Map<String, Provider> providers) {

    public LlmProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /**
     * @param baseUrl the API's base URL; for OpenAI-compatible servers the part before {@code /chat/completions}
     * @param timeout the longest one call to this provider may take
     * @param maxRetries retries inside the provider's client; failover to the next provider is the usual retry
     */
    public record Provider(
            @DefaultValue("openai-compatible") ProviderType type,
            String apiKey,
            String baseUrl,
            String model,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("0") int maxRetries,
            @DefaultValue("1024") int maxTokens,
            Boolean enabled) {

        public boolean configured() {
            boolean hasKey = apiKey != null && !apiKey.isBlank();
            return enabled != null ? enabled && (hasKey || type == ProviderType.OPENAI_COMPATIBLE) : hasKey;
        }
    }
}
