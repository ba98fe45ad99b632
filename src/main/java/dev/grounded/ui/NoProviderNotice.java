package dev.grounded.ui;

import com.vaadin.flow.component.html.Paragraph;
import dev.grounded.llm.ChatProviders;
import java.util.Optional;

/**
 * Says, where answers are tried or judged (Settings, Playground, Dashboard), that the installation has no AI provider
 * and what customers get then: the honest first-hour answer to "why is the bot so terse?".
 */
public final class NoProviderNotice extends Paragraph {

    static final String TEXT = "No AI provider is configured for this installation. Customers get passages quoted from"
            + " your knowledge; a question the knowledge cannot quote gets \"I don't have information about that\" with"
            + " the offer of a person. The operator adds a provider by setting OPENAI_API_KEY, GEMINI_API_KEY or"
            + " ANTHROPIC_API_KEY (or an OpenAI-compatible server, see the README) and restarting.";

    private NoProviderNotice(String id) {
        super(TEXT);
        setId(id);
        addClassName("notice");
    }

    /** The notice with {@code id}, when there is no provider to answer. */
    public static Optional<NoProviderNotice> when(ChatProviders providers, String id) {
        return providers.isEmpty() ? Optional.of(new NoProviderNotice(id)) : Optional.empty();
    }
}
