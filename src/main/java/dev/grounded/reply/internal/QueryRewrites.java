package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationMessage;
import dev.grounded.llm.Attempt;
import dev.grounded.llm.ChatFailover;
import dev.grounded.llm.FailoverChatModel;
import dev.grounded.llm.ProviderPreference;
import dev.grounded.reply.ReplyProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.preretrieval.query.transformation.CompressionQueryTransformer;
import org.springframework.ai.rag.preretrieval.query.transformation.TranslationQueryTransformer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Rewrites a customer's message into a better query for retrieval, with Spring AI's query transformers over the
 * provider chain: a follow-up ("and how long does it take?") into a standalone query
 * ({@link CompressionQueryTransformer}, prompt in {@code prompts/follow-up-query.st}), and a message in a language the
 * knowledge is not written in into the knowledge's language ({@link TranslationQueryTransformer}).
 */
@Component
public class QueryRewrites {

    private static final Logger log = LoggerFactory.getLogger(QueryRewrites.class);
    private static final int MAX_QUERY_LENGTH = 500;

    /**
     * @param text the rewritten query, or null when the model gave none
     * @param attempts the provider attempts the rewrite made
     */
    public record Rewritten(String text, List<Attempt> attempts) {}

    private final PromptTemplate template;
    private final ChatFailover chat;
    private final ReplyProperties properties;

    QueryRewrites(ChatFailover chat, ReplyProperties properties) {
        this.chat = chat;
        this.properties = properties;
        try {
            template = new PromptTemplate(
                    new ClassPathResource("prompts/follow-up-query.st").getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The provider chain as one model for a rewrite, within the part of the time budget a rewrite may take (the
     * answer gets the rest).
     */
    public FailoverChatModel model(ProviderPreference preference) {
        Duration budget = properties.rewriteBudget().compareTo(chat.budget()) < 0
                ? properties.rewriteBudget()
                : chat.budget().dividedBy(4);
        return chat.asChatModel(preference, budget);
    }

    /** The earlier messages as Spring AI messages: the customer's as user turns, the bot's and agents' as assistant. */
    public static List<Message> history(List<ConversationMessage> messages) {
        return messages.stream()
                .filter(m -> m.text() != null && !m.text().isBlank())
                .map(m -> m.role() == ConversationMessage.Role.CUSTOMER
                        ? (Message) new UserMessage(m.text())
                        : new AssistantMessage(m.text()))
                .toList();
    }

    public Rewritten standalone(String question, List<Message> history, FailoverChatModel model) {
        try {
            Query rewritten = CompressionQueryTransformer.builder()
                    .chatClientBuilder(ChatClient.builder(model))
                    .promptTemplate(template)
                    .build()
                    .transform(new Query(question, history, Map.of()));
            return new Rewritten(clean(rewritten.text()), model.attempts());
        } catch (RuntimeException e) {
            log.debug("The follow-up was not rewritten: {}", e.toString());
            return new Rewritten(null, model.attempts());
        }
    }

    public Rewritten translate(String query, String language, FailoverChatModel model) {
        try {
            Query translated = TranslationQueryTransformer.builder()
                    .chatClientBuilder(ChatClient.builder(model))
                    .targetLanguage(language)
                    .build()
                    .transform(new Query(query));
            return new Rewritten(clean(translated.text()), model.attempts());
        } catch (RuntimeException e) {
            log.debug("The query was not translated: {}", e.toString());
            return new Rewritten(null, model.attempts());
        }
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        for (String label : List.of("Standalone query:", "Translated query:")) {
            if (line.regionMatches(true, 0, label, 0, label.length())) {
                line = line.substring(label.length()).strip();
            }
        }
        line = line.replaceAll("^[\"'“”«»]+|[\"'“”«»]+$", "").strip();
        if (line.isEmpty() || line.contains("NOT_COVERED")) {
            return null;
        }
        return line.length() <= MAX_QUERY_LENGTH ? line : line.substring(0, MAX_QUERY_LENGTH);
    }
}
