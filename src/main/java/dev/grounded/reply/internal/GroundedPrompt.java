package dev.grounded.reply.internal;

import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.AssistantSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Builds the prompt that asks a chat model to answer from the retrieved passages only, from the templates in
 * {@code prompts/}. Passages are wrapped as untrusted data, escaped so they cannot close their wrapper, and the system
 * prompt tells the model never to follow instructions inside them. Each prompt carries a fresh random canary, so a
 * reply that repeats the system prompt can be recognised and withheld ({@link PromptLeakGuard}).
 */
@Component
public class GroundedPrompt {

    /** What the model answers when the knowledge does not cover the question (rule 3 of the system prompt). */
    public static final String NOT_COVERED = "NOT_COVERED";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A built prompt and what is needed to check the answer for leaks.
     *
     * @param rules Grounded's own part of the system prompt (without the business's profile and instructions, which
     *     an answer may legitimately echo)
     */
    public record Built(Prompt prompt, String rules, String canary) {}

    private final String system;
    private final String user;
    private final String profile;
    private final String instructions;
    private final Properties personas = new Properties();

    GroundedPrompt() {
        this.system = read("prompts/grounded-answer-system.st");
        this.user = read("prompts/grounded-answer-user.st");
        this.profile = read("prompts/business-profile.st");
        this.instructions = read("prompts/business-instructions.st");
        try (var in = new ClassPathResource("prompts/personas.properties").getInputStream()) {
            personas.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Built build(
            String business,
            AssistantSettings settings,
            String language,
            String question,
            List<String> conversation,
            List<RetrievedChunk> passages) {
        String canary = "GRD-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        Map<String, Object> values = new HashMap<>(Map.of(
                "business",
                business,
                "persona",
                personas.getProperty(settings.persona().name().toLowerCase(Locale.ROOT), ""),
                "canary",
                canary,
                "language",
                languageName(language),
                "profile",
                "",
                "instructions",
                ""));
        String rules = render(system, values);
        values.put("profile", optional(profile, "profile", settings.businessProfile()));
        values.put("instructions", optional(instructions, "instructions", settings.systemPrompt()));
        String systemText = render(system, values);
        String userText = render(
                user,
                Map.of(
                        "knowledge", knowledge(passages),
                        "conversation", conversation(conversation),
                        "question", question));
        var prompt = new Prompt(
                List.of(new SystemMessage(systemText), new UserMessage(userText)),
                ChatOptions.builder().temperature(settings.temperature()).build());
        return new Built(prompt, rules, canary);
    }

    public static String languageName(String language) {
        return Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
    }

    private static String optional(String template, String key, String value) {
        return value == null || value.isBlank() ? "" : render(template, Map.of(key, escape(value.strip())));
    }

    private static String conversation(List<String> turns) {
        if (turns.isEmpty()) {
            return "";
        }
        return "<conversation_so_far>\n" + escape(String.join("\n", turns)) + "\n</conversation_so_far>\n\n";
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
    static String escape(String text) {
        return text == null ? "" : text.replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String render(String template, Map<String, Object> values) {
        return new PromptTemplate(template).render(values);
    }

    private static String read(String location) {
        Resource resource = new ClassPathResource(location);
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
