package dev.grounded.llm;

import org.springframework.ai.chat.model.ChatModel;

/** A configured chat model and the name it is reported under (in replies, traces and metrics). */
public record ChatProvider(String name, ChatModel chatModel) {}
