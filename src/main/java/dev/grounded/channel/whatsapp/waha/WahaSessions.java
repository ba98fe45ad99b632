package dev.grounded.channel.whatsapp.waha;

import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.Json;
import dev.grounded.channel.whatsapp.ProviderHttp;
import dev.grounded.channel.whatsapp.SendException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A WAHA session through WAHA's REST API: created (or updated) with its webhook pointing at this connection, signed
 * with the connection's HMAC key, and started, stopped or restarted; its QR code for linking a phone.
 */
@Component
public class WahaSessions {

    /**
     * What WAHA must send us: every message of the session's chats ({@code message.any}: the customers', and the
     * business's own, typed on the phone or sent through the API, which {@code message} leaves out), delivery acks and
     * the session's own status.
     */
    public static final List<String> EVENTS = List.of("message.any", "message.ack", "session.status");

    private final RestClient http;

    WahaSessions(ProviderHttp http) {
        this.http = http.client();
    }

    static String base(Connection connection) {
        return connection.identifier("baseUrl").replaceAll("/+$", "");
    }

    /** Creates the session, or updates its configuration, so WAHA posts the events to {@code webhookUrl}. */
    public void configure(Connection connection, String webhookUrl) {
        String session = connection.identifier("session");
        Map<String, Object> config = Map.of(
                "webhooks",
                List.of(Map.of(
                        "url",
                        webhookUrl,
                        "events",
                        EVENTS,
                        "hmac",
                        Map.of("key", connection.secret("webhookHmacKey")),
                        "retries",
                        Map.of("policy", "exponential", "delaySeconds", 2, "attempts", 15))));
        boolean exists = http.get()
                .uri(base(connection) + "/api/sessions/{session}", session)
                .header("X-Api-Key", connection.secret("apiKey"))
                .exchange((req, res) -> res.getStatusCode().value() != HttpStatus.NOT_FOUND.value());
        if (exists) {
            call(connection, () -> http.put()
                    .uri(base(connection) + "/api/sessions/{session}", session)
                    .header("X-Api-Key", connection.secret("apiKey"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", session, "config", config)));
        } else {
            call(connection, () -> http.post()
                    .uri(base(connection) + "/api/sessions")
                    .header("X-Api-Key", connection.secret("apiKey"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", session, "start", false, "config", config)));
        }
    }

    /** {@code start}, {@code stop} or {@code restart}. */
    public void control(Connection connection, String action) {
        if (!List.of("start", "stop", "restart").contains(action)) {
            throw new IllegalArgumentException("Unknown session action " + action + "; one of start, stop, restart");
        }
        call(connection, () -> http.post()
                .uri(base(connection) + "/api/sessions/{session}/" + action, connection.identifier("session"))
                .header("X-Api-Key", connection.secret("apiKey")));
    }

    /** The session's status as WAHA reports it (STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED). */
    public String status(Connection connection) {
        JsonNode session = call(connection, () -> http.get()
                .uri(base(connection) + "/api/sessions/{session}", connection.identifier("session"))
                .header("X-Api-Key", connection.secret("apiKey")));
        return Json.text(session, "status");
    }

    /** The QR code to scan with the business's phone, as a PNG. */
    public byte[] qr(Connection connection) {
        try {
            return http.get()
                    .uri(base(connection) + "/api/{session}/auth/qr?format=image", connection.identifier("session"))
                    .header("X-Api-Key", connection.secret("apiKey"))
                    .accept(MediaType.IMAGE_PNG)
                    .exchange((req, res) -> {
                        byte[] bytes = res.getBody().readAllBytes();
                        if (res.getStatusCode().isError()) {
                            throw new SendException(
                                    "WAHA has no QR code for this session now (HTTP "
                                            + res.getStatusCode().value()
                                            + "); it shows one while the session is SCAN_QR_CODE",
                                    "http-" + res.getStatusCode().value(),
                                    false,
                                    null);
                        }
                        return bytes;
                    });
        } catch (ResourceAccessException e) {
            throw new SendException("WAHA could not be reached: " + e.getMessage(), "network", true, e);
        }
    }

    private static JsonNode call(Connection connection, Supplier<RestClient.RequestHeadersSpec<?>> call) {
        return ProviderHttp.exchange(
                "WAHA at " + base(connection),
                call,
                error -> ProviderHttp.Error.of(Json.text(error, "statusCode"), Json.text(error, "message")));
    }
}
