package dev.grounded.llm;

import com.anthropic.models.messages.Model;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Spring AI chat clients from provider settings: the answering chain's providers, and the evaluation's judge. */
public final class ChatModels {

    private ChatModels() {}

    /**
     * The Spring AI client for a provider's settings.
     *
     * @param name what the settings are called, for the error when one is missing
     * @throws IllegalStateException when the model, or an OpenAI-compatible provider's base URL, is missing
     */
    public static ChatModel of(String name, LlmProperties.Provider provider) {
        if (provider.model() == null || provider.model().isBlank()) {
            throw new IllegalStateException(name + " has no model (" + name + ".model)");
        }
        String apiKey = provider.apiKey() == null || provider.apiKey().isBlank() ? "none" : provider.apiKey();
        if (provider.type() == ProviderType.ANTHROPIC) {
            var options = AnthropicChatOptions.builder()
                    .apiKey(apiKey)
                    .model(Model.of(provider.model()))
                    .maxTokens(provider.maxTokens())
                    .maxRetries(provider.maxRetries())
                    .timeout(provider.timeout());
            if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
                options.baseUrl(provider.baseUrl());
            }
            return AnthropicChatModel.builder().options(options.build()).build();
        }
        if (provider.baseUrl() == null || provider.baseUrl().isBlank()) {
            throw new IllegalStateException(name + " needs a base URL (" + name + ".base-url)");
        }
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .apiKey(apiKey)
                        .baseUrl(provider.baseUrl())
                        .model(provider.model())
                        .maxTokens(provider.maxTokens())
                        .maxRetries(provider.maxRetries())
                        .timeout(provider.timeout())
                        .build())
                .build();
    }
}
