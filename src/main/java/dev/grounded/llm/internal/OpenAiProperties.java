package dev.grounded.llm.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An OpenAI or OpenAI-compatible chat endpoint. Without an API key no chat provider is configured and Grounded answers
 * extractively.
 *
 * @param apiKey OPENAI_API_KEY
 * @param baseUrl OPENAI_BASE_URL, for any OpenAI-compatible server
 * @param model OPENAI_MODEL
 */
@ConfigurationProperties("grounded.llm.openai")
record OpenAiProperties(
        String apiKey,
        @DefaultValue("https://api.openai.com/v1") String baseUrl,
        @DefaultValue("gpt-4o-mini") String model,
        @DefaultValue("0.2") double temperature,
        @DefaultValue("1") int maxRetries) {

    boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }
}
