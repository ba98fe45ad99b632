package dev.grounded.llm.internal;

import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatProviderConfiguration {

    @Bean
    ChatProviders chatProviders(OpenAiProperties openAi) {
        List<ChatProvider> providers = new ArrayList<>();
        if (openAi.configured()) {
            var chatModel = OpenAiChatModel.builder()
                    .options(OpenAiChatOptions.builder()
                            .apiKey(openAi.apiKey())
                            .baseUrl(openAi.baseUrl())
                            .model(openAi.model())
                            .temperature(openAi.temperature())
                            .maxRetries(openAi.maxRetries())
                            .build())
                    .build();
            providers.add(new ChatProvider("openai", chatModel));
        }
        return new ChatProviders(providers);
    }
}
