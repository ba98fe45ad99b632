package dev.grounded.llm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The provider chain as one Spring AI {@link ChatModel}, so Spring AI's own components (a {@code ChatClient}, a query
 * transformer) run through failover, breakers and the time budget. Made per use, for one tenant's preference; it
 * keeps the attempts it made for that use's trace. When no provider answers, {@link #call} throws
 * {@link NoProviderAnswered}.
 */
public final class FailoverChatModel implements ChatModel {

    private final ChatFailover failover;
    private final ProviderPreference preference;
    private final Duration budget;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    FailoverChatModel(ChatFailover failover, ProviderPreference preference, Duration budget) {
        this.failover = failover;
        this.preference = preference;
        this.budget = budget;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        ChatResult result = failover.call(prompt, preference, budget);
        attempts.addAll(result.attempts());
        if (!result.answered()) {
            throw new NoProviderAnswered(result.attempts());
        }
        return new ChatResponse(
                List.of(new Generation(new AssistantMessage(result.text()))),
                ChatResponseMetadata.builder().model(result.provider()).build());
    }

    /** Every attempt made through this model, in order. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** No provider in the chain answered. */
    public static final class NoProviderAnswered extends RuntimeException {

        private final transient List<Attempt> attempts;

        NoProviderAnswered(List<Attempt> attempts) {
            super("No chat provider answered (" + attempts.size() + " attempts)");
            this.attempts = List.copyOf(attempts);
        }

        public List<Attempt> attempts() {
            return attempts;
        }
    }
}
