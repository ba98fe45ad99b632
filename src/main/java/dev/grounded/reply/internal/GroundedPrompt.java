package dev.grounded.reply.internal;

import dev.grounded.retrieval.RetrievedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Asks a chat model to answer from the retrieved passages only. Passages are wrapped as untrusted data and the system
 * prompt tells the model never to follow instructions found inside them.
 */
@Component
public class GroundedPrompt {

    private final String systemTemplate;
    private final String userTemplate;

    GroundedPrompt(
            @Value("classpath:prompts/grounded-answer-system.st") Resource system,
            @Value("classpath:prompts/grounded-answer-user.st") Resource user) {
        this.systemTemplate = read(system);
        this.userTemplate = read(user);
    }

    public String answer(
            ChatModel chatModel, String business, String language, String question, List<RetrievedChunk> passages) {
        String system = new PromptTemplate(systemTemplate)
                .render(Map.of(
                        "business",
                        business,
                        "language",
                        Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH)));
        String user =
                new PromptTemplate(userTemplate).render(Map.of("knowledge", knowledge(passages), "question", question));
        return ChatClient.create(chatModel)
                .prompt()
                .system(system)
                .user(user)
                .call()
                .content();
    }

    private static String knowledge(List<RetrievedChunk> passages) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            RetrievedChunk passage = passages.get(i);
            text.append("<document index=\"")
                    .append(i + 1)
                    .append("\" title=\"")
                    .append(escape(passage.title()))
                    .append("\">\n")
                    .append(escape(passage.chunk().getText()))
                    .append("\n</document>\n");
        }
        return text.toString();
    }

    /** Keeps a passage from closing its own wrapper and posing as instructions outside it. */
    private static String escape(String text) {
        return text == null ? "" : text.replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
