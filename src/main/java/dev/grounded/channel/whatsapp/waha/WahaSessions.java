package dev.grounded.channel.whatsapp.waha;

import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.Json;
import dev.grounded.channel.whatsapp.ProviderHttp;
import dev.grounded.channel.whatsapp.SendException;
import dev.grounded.egress.EgressRefusedException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(WahaSessions.class);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int MAX_QR = 1024 * 1024;

    private final RestClient http;

    WahaSessions(ProviderHttp http) {
        this.http = http.tenantAimed();
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
        boolean exists = guarded(connection, "look up its session", () -> http.get()
                .uri(base(connection) + "/api/sessions/{session}", session)
                .header("X-Api-Key", connection.secret("apiKey"))
                .exchange((req, res) -> res.getStatusCode().value() != HttpStatus.NOT_FOUND.value()));
        if (exists) {
            call(connection, "update its session", () -> http.put()
                    .uri(base(connection) + "/api/sessions/{session}", session)
                    .header("X-Api-Key", connection.secret("apiKey"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", session, "config", config)));
        } else {
            call(connection, "create its session", () -> http.post()
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
        call(connection, action + " its session", () -> http.post()
                .uri(base(connection) + "/api/sessions/{session}/" + action, connection.identifier("session"))
                .header("X-Api-Key", connection.secret("apiKey")));
    }

    /** The session's status as WAHA reports it (STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED). */
    public String status(Connection connection) {
        JsonNode session = call(connection, "tell its session's status", () -> http.get()
                .uri(base(connection) + "/api/sessions/{session}", connection.identifier("session"))
                .header("X-Api-Key", connection.secret("apiKey")));
        String status = Json.text(session, "status");
        if (status == null || !WahaProvider.SESSION_STATUS.matcher(status).matches()) {
            log.warn("WAHA of connection {} answered an unknown session status", connection.id());
            throw new SendException(
                    "WAHA of connection '" + connection.name() + "' did not tell its session's status",
                    "no-status",
                    false,
                    null);
        }
        return status;
    }

    /** The QR code to scan with the business's phone: a PNG, or nothing at all. */
    public byte[] qr(Connection connection) {
        return guarded(connection, "show a QR code", () -> http.get()
                .uri(base(connection) + "/api/{session}/auth/qr?format=image", connection.identifier("session"))
                .header("X-Api-Key", connection.secret("apiKey"))
                .accept(MediaType.IMAGE_PNG)
                .exchange((req, res) -> {
                    if (res.getStatusCode().isError()) {
                        throw new SendException(
                                "WAHA of connection '" + connection.name() + "' has no QR code for its session now"
                                        + " (HTTP " + res.getStatusCode().value()
                                        + "); it shows one while the session is SCAN_QR_CODE",
                                "http-" + res.getStatusCode().value(),
                                false,
                                null);
                    }
                    byte[] bytes = res.getBody().readNBytes(MAX_QR + 1);
                    if (bytes.length > MAX_QR
                            || !Arrays.equals(bytes, 0, Math.min(bytes.length, PNG.length), PNG, 0, PNG.length)) {
                        log.warn(
                                "WAHA of connection {} answered its QR code with {} bytes that are not a PNG",
                                connection.id(),
                                bytes.length);
                        throw new SendException(
                                "WAHA of connection '" + connection.name() + "' did not answer with a QR code image",
                                "not-png",
                                false,
                                null);
                    }
                    return bytes;
                }));
    }

    private static JsonNode call(Connection connection, String what, Supplier<RestClient.RequestHeadersSpec<?>> call) {
        try {
            return ProviderHttp.exchange("WAHA of connection " + connection.id(), call, WahaProvider::error);
        } catch (SendException e) {
            throw generic(connection, what, e);
        }
    }

    /** A call made outside {@link ProviderHttp#exchange}: its failures told as generically. */
    private static <T> T guarded(Connection connection, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SendException e) {
            throw e;
        } catch (ResourceAccessException e) {
            throw generic(
                    connection,
                    what,
                    EgressRefusedException.among(e)
                            ? new SendException(e.getMostSpecificCause().getMessage(), "egress", false, e)
                            : new SendException(String.valueOf(e.getMostSpecificCause()), "network", true, e));
        }
    }

    /**
     * What the admin (or the API's caller) is told: which connection failed at what, and how, in our words. What WAHA
     * said, or the network error, is logged; a refusal by the egress policy is our own reason and is told.
     */
    private static SendException generic(Connection connection, String what, SendException cause) {
        log.warn("WAHA of connection {} could not {}: {}", connection.id(), what, cause.getMessage());
        String code = cause.code() == null ? "waha" : cause.code();
        String how =
                switch (code) {
                    case "egress" -> "is refused: " + cause.getMessage();
                    case "network", "unknown" -> "could not be reached";
                    default ->
                        "did not accept the request (" + (code.startsWith("http-") ? "HTTP " + code.substring(5) : code)
                                + ")";
                };
        return new SendException(
                "WAHA of connection '" + connection.name() + "' " + how + " when asked to " + what,
                code,
                cause.retryable(),
                cause);
    }
}
