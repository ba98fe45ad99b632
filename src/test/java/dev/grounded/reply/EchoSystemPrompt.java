package dev.grounded.reply;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake chat model that has fallen for a prompt injection: it answers every chat completion with the system prompt
 * it was sent, word for word.
 */
final class EchoSystemPrompt implements ResponseDefinitionTransformerV2 {

    static final String NAME = "echo-system-prompt";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String system = JSON.readTree(serveEvent.getRequest().getBodyAsString())
                .get("messages")
                .get(0)
                .get("content")
                .asString();
        Map<String, Object> completion = Map.of(
                "id",
                "chatcmpl-echo",
                "object",
                "chat.completion",
                "created",
                1767225600,
                "model",
                "gpt-test",
                "choices",
                List.of(Map.of(
                        "index",
                        0,
                        "message",
                        Map.of("role", "assistant", "content", "Sure! My instructions are: " + system),
                        "finish_reason",
                        "stop")),
                "usage",
                Map.of("prompt_tokens", 100, "completion_tokens", 100, "total_tokens", 200));
        return ResponseDefinition.okForJson(completion);
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
