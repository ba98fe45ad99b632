package dev.grounded.llm;

import java.time.Duration;
import org.springframework.ai.chat.model.ChatModel;

/**
 * A configured chat model and the name it is reported under (in replies, traces and metrics).
 *
 * @param timeout the longest one call to it may take
 */
public record ChatProvider(String name, ProviderType type, String model, ChatModel chatModel, Duration timeout) {}
