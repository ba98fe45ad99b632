package dev.grounded.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenAI-compatible embeddings endpoint ({@code POST /v1/embeddings}) for stubs that name it: each input becomes
 * a bag of its words hashed into {@link #DIMENSIONS} dimensions and normalised, so texts that share words are near
 * each other, as a real model's would be for these tests.
 */
public final class FakeEmbeddings implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-embeddings";
    public static final int DIMENSIONS = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        JsonNode input = request.get("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(text -> texts.add(text.asString()));
        } else {
            texts.add(input.asString());
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            data.add(Map.of("object", "embedding", "index", i, "embedding", vector(texts.get(i))));
        }
        String body = JSON.writeValueAsString(Map.of(
                "object",
                "list",
                "data",
                data,
                "model",
                request.get("model").asString(),
                "usage",
                Map.of("prompt_tokens", texts.size(), "total_tokens", texts.size())));
        // Built like the stub's own response, so a stub's delay (a slow endpoint) stays.
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                .but()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body)
                .build();
    }

    static List<Double> vector(String text) {
        double[] values = new double[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                values[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        values[0] += 0.01;
        double norm = 0;
        for (double value : values) {
            norm += value * value;
        }
        List<Double> vector = new ArrayList<>(DIMENSIONS);
        for (double value : values) {
            vector.add(value / Math.sqrt(norm));
        }
        return vector;
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
