package dev.grounded.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenAI chat model that behaves like a cautious one, for running whole datasets without an LLM: a follow-up
 * rewrite prefixes the customer's previous message, a translation returns the query unchanged, and an answer quotes
 * the first sentence of the first passage it was given, or says NOT_COVERED when it was given none.
 */
public final class FakeGroundedModel implements ResponseDefinitionTransformerV2 {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FOLLOW_UP =
            Pattern.compile("Follow-up message:\\s*(.*?)\\s*Standalone query:", Pattern.DOTALL);
    private static final Pattern PREVIOUS = Pattern.compile("(?m)^USER: (.*)$");
    private static final Pattern ORIGINAL =
            Pattern.compile("Original query:\\s*(.*?)\\s*Translated query:", Pattern.DOTALL);
    private static final Pattern FIRST_PASSAGE =
            Pattern.compile("<document index=\"1\"[^>]*>\\s*(.*?)</document>", Pattern.DOTALL);

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode messages =
                JSON.readTree(serveEvent.getRequest().getBodyAsString()).get("messages");
        String user = messages.get(messages.size() - 1).get("content").asString();
        return ResponseDefinition.okForJson(completion(answer(user)));
    }

    static String answer(String user) {
        Matcher followUp = FOLLOW_UP.matcher(user);
        if (followUp.find()) {
            Matcher previous = PREVIOUS.matcher(user);
            String last = null;
            while (previous.find()) {
                last = previous.group(1);
            }
            return last == null ? followUp.group(1) : last + " " + followUp.group(1);
        }
        Matcher original = ORIGINAL.matcher(user);
        if (original.find()) {
            return original.group(1);
        }
        Matcher passage = FIRST_PASSAGE.matcher(user);
        if (passage.find()) {
            String text = passage.group(1).strip();
            int end = text.indexOf(". ");
            return end > 0 ? text.substring(0, end + 1) : text;
        }
        return "NOT_COVERED";
    }

    /** An OpenAI chat completion answering {@code content}, as the response body's JSON object. */
    public static Map<String, Object> completion(String content) {
        return Map.of(
                "id",
                "chatcmpl-fake",
                "object",
                "chat.completion",
                "created",
                1767225600,
                "model",
                "gpt-fake",
                "choices",
                List.of(Map.of(
                        "index",
                        0,
                        "message",
                        Map.of("role", "assistant", "content", content),
                        "finish_reason",
                        "stop")),
                "usage",
                Map.of("prompt_tokens", 100, "completion_tokens", 20, "total_tokens", 120));
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return "fake-grounded-model";
    }
}
