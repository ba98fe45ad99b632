package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.Provider;
import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.conversation.SecretBox;
import dev.grounded.egress.EgressPolicy;
import dev.grounded.egress.EgressProperties;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.SharedDatasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real webhook payloads and signature vectors of {@code ../shared/datasets/whatsapp}, read in place. */
public final class WebhookFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookFixtures() {}

    public static Path path(String relative) {
        return SharedDatasets.path("whatsapp/" + relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of a fixture folder with that extension, by name. */
    public static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.list(path(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signature vectors of one provider ({@code signatures/test-vectors.json}). */
    public static List<JsonNode> vectors(String provider) {
        JsonNode all = JSON.readTree(path("signatures/test-vectors.json").toFile());
        List<JsonNode> vectors = new ArrayList<>();
        for (JsonNode vector : all) {
            if (vector.get("provider").asString().startsWith(provider)) {
                vectors.add(vector);
            }
        }
        return vectors;
    }

    /** A vector's exact body bytes: its body file (relative to the signatures folder), else its inline body. */
    public static byte[] body(JsonNode vector) {
        if (vector.has("body_file")) {
            return bytes(Path.of("signatures")
                    .resolve(vector.get("body_file").asString())
                    .normalize()
                    .toString());
        }
        return vector.get("body").asString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Connection connection(Provider provider, Map<String, String> secrets) {
        return new Connection(
                ConnectionId.random(), TenantId.of("demo"), provider, "test", Map.of(), secrets, null, Instant.now());
    }

    /** A Meta connection of the tenant {@code demo}, stored (sealed with {@code box}) as of {@code at}. */
    public static Connection storedMetaConnection(JdbcClient jdbc, SecretBox box, Instant at) {
        Connection connection = new Connection(
                ConnectionId.random(),
                TenantId.of("demo"),
                Provider.META,
                "main",
                Map.of("phoneNumberId", "1"),
                Map.of("appSecret", "s"),
                null,
                at);
        new ConnectionStore(jdbc, box, JSON).insert(connection, at);
        return connection;
    }

    public static WebhookRequest request(byte[] body, Map<String, String> headers, List<String> urls) {
        var lower = new java.util.HashMap<String, String>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new WebhookRequest(body, lower, urls);
    }

    public static WhatsAppProperties properties() {
        return properties("http://twilio.invalid");
    }

    /** The test properties with Twilio's API at {@code twilioUrl}. */
    public static WhatsAppProperties properties(String twilioUrl) {
        return new WhatsAppProperties(
                "",
                "http://graph.invalid",
                twilioUrl,
                10,
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                2,
                3,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                Duration.ofDays(30),
                Duration.ofHours(1));
    }

    public static ProviderHttp http() {
        return http(properties());
    }

    public static ProviderHttp http(WhatsAppProperties properties) {
        return new ProviderHttp(properties, new EgressPolicy(new EgressProperties(List.of("localhost"))));
    }

    /** The body with one byte changed. */
    public static byte[] altered(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    /** The signature with one character changed (still well-formed). */
    public static String altered(String signature) {
        char last = signature.charAt(signature.length() - 2);
        char other = last == 'a' ? 'b' : 'a';
        return signature.substring(0, signature.length() - 2) + other + signature.charAt(signature.length() - 1);
    }
}
