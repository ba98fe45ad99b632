package dev.grounded.channel.whatsapp;

import dev.grounded.channel.WhatsAppProperties;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** The HTTP client every provider calls through, and the one way their answers become sends or {@link SendException}s. */
@Component
public class ProviderHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a provider said when it refused, and whether it asked us to slow down. */
    public record Error(String code, String message, boolean throttled) {}

    private final RestClient client;

    ProviderHttp(WhatsAppProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.timeout());
        this.client = RestClient.builder().requestFactory(factory).build();
    }

    public RestClient client() {
        return client;
    }

    /**
     * Runs a call and returns the provider's JSON answer. A refusal becomes a {@link SendException}: retryable for
     * 429, 5xx, a throttling error code and network failures, final for any other 4xx.
     */
    public static JsonNode exchange(
            String provider, Supplier<RestClient.RequestHeadersSpec<?>> request, Function<JsonNode, Error> errors) {
        try {
            return request.get().exchange((req, response) -> {
                byte[] bytes = response.getBody().readAllBytes();
                int status = response.getStatusCode().value();
                JsonNode body = parse(bytes);
                if (status < 300) {
                    return body;
                }
                Error error = errors.apply(body);
                String message =
                        error.message() != null ? error.message() : new String(bytes, StandardCharsets.UTF_8).strip();
                throw new SendException(
                        provider + " refused the message (HTTP " + status
                                + (error.code() == null ? "" : ", error " + error.code()) + "): "
                                + message,
                        error.code() != null ? error.code() : "http-" + status,
                        status == 429 || status >= 500 || error.throttled(),
                        null);
            });
        } catch (ResourceAccessException e) {
            // The I/O error's own message is often empty; its most specific cause names what happened.
            throw new SendException(
                    provider + " could not be reached: " + e.getMostSpecificCause(), "network", true, e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }
}
