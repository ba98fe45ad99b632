package dev.grounded.channel.whatsapp.waha;

import dev.grounded.channel.Provider;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.InboundEvent;
import dev.grounded.channel.whatsapp.InboundEvent.BusinessMessage;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.Kind;
import dev.grounded.channel.whatsapp.InboundEvent.Media;
import dev.grounded.channel.whatsapp.InboundEvent.SessionStatus;
import dev.grounded.channel.whatsapp.Json;
import dev.grounded.channel.whatsapp.MalformedWebhookException;
import dev.grounded.channel.whatsapp.OutboundMessage;
import dev.grounded.channel.whatsapp.ProviderHttp;
import dev.grounded.channel.whatsapp.SendException;
import dev.grounded.channel.whatsapp.Signatures;
import dev.grounded.channel.whatsapp.WebhookRequest;
import dev.grounded.channel.whatsapp.WhatsAppProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WAHA, a self-hosted WhatsApp Web gateway: webhooks signed with {@code X-Webhook-Hmac} (hex HMAC-SHA512 of the raw
 * body), sends through {@code POST /api/sendText}. Messages the business types on its own phone arrive with
 * {@code fromMe}; group chats and status broadcasts are not customers and are left alone.
 */
@Component
class WahaProvider implements WhatsAppProvider {

    /**
     * WhatsApp Web's own notices in a chat (security code changed, a call, a deleted message…), as WEBJS names them
     * in {@code _data.type}: nobody wrote them, nobody answers them.
     */
    private static final Set<String> SYSTEM_TYPES = Set.of(
            "e2e_notification",
            "notification_template",
            "notification",
            "call_log",
            "gp2",
            "protocol",
            "revoked",
            "ciphertext");

    /** WAHA's statuses (STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED), as stored: at most 32 characters. */
    static final Pattern SESSION_STATUS = Pattern.compile("[A-Z_]{1,32}");

    private final JsonMapper json;
    private final RestClient http;

    WahaProvider(JsonMapper json, ProviderHttp http) {
        this.json = json;
        this.http = http.tenantAimed();
    }

    @Override
    public Provider provider() {
        return Provider.WAHA;
    }

    @Override
    public Signature verify(Connection connection, WebhookRequest request) {
        String header = request.header("X-Webhook-Hmac");
        if (header == null || header.isBlank()) {
            return Signature.MISSING;
        }
        String algorithm = request.header("X-Webhook-Hmac-Algorithm");
        if (algorithm != null && !algorithm.equalsIgnoreCase("sha512")) {
            return Signature.INVALID;
        }
        byte[] expected = Signatures.hmac("HmacSHA512", connection.secret("webhookHmacKey"), request.body());
        return Signatures.matchesHex(expected, header) ? Signature.VALID : Signature.INVALID;
    }

    @Override
    public List<InboundEvent> parse(Connection connection, WebhookRequest request) {
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || Json.text(root, "event") == null) {
            throw new MalformedWebhookException("Not a WAHA event: no event name");
        }
        JsonNode payload = root.path("payload");
        return switch (Json.text(root, "event")) {
            case "message", "message.any" -> message(payload);
            case "message.ack" -> ack(payload);
            case "session.status" -> List.of(sessionStatus(root, payload));
            default -> List.of();
        };
    }

    /**
     * A session's new status. Older WAHA versions send it without an envelope id; it is then known by when it
     * happened (the last of {@code payload.statuses}, else the envelope's timestamp), and lacking even that it is
     * taken as new: applying a status twice is harmless, dropping a later WORKING after a FAILED is not.
     */
    private static SessionStatus sessionStatus(JsonNode root, JsonNode payload) {
        String status = Json.text(payload, "status");
        if (status == null) {
            throw new MalformedWebhookException("A session.status event without status");
        }
        if (!SESSION_STATUS.matcher(status).matches()) {
            throw new MalformedWebhookException(
                    "A session.status is a WAHA status such as WORKING: upper-case letters and _, at most 32");
        }
        Instant at = null;
        for (JsonNode change : payload.path("statuses")) {
            if (status.equals(Json.text(change, "status")) && Json.epoch(change, "timestamp") != null) {
                at = Json.epoch(change, "timestamp");
            }
        }
        if (at == null) {
            at = Json.epoch(root, "timestamp");
        }
        String id = Json.text(root, "id");
        if (id == null) {
            id = Json.text(root, "session") + ":" + status + ":" + (at != null ? at.toEpochMilli() : UUID.randomUUID());
        }
        return new SessionStatus(id, status, at);
    }

    private static List<InboundEvent> message(JsonNode payload) {
        String id = Json.text(payload, "id");
        if (id == null) {
            throw new MalformedWebhookException("A message without id");
        }
        boolean fromMe = payload.path("fromMe").asBoolean(false);
        String chat = fromMe ? Json.text(payload, "to") : Json.text(payload, "from");
        if (chat == null) {
            throw new MalformedWebhookException("A message without its chat");
        }
        if (chat.endsWith("@g.us") || chat.endsWith("@newsletter") || chat.startsWith("status@")) {
            return List.of();
        }
        String body = Json.text(payload, "body");
        if (SYSTEM_TYPES.contains(String.valueOf(Json.text(payload.path("_data"), "type")))) {
            return List.of(new CustomerMessage(
                    id, chat, null, Json.epoch(payload, "timestamp"), Kind.SYSTEM, body, null, null));
        }
        if (fromMe) {
            return List.of(new BusinessMessage(
                    id, chat, body, Json.epoch(payload, "timestamp"), Json.text(payload, "source")));
        }
        Kind kind = body == null ? Kind.UNSUPPORTED : Kind.TEXT;
        String text = body;
        Media media = null;
        JsonNode location = payload.path("location");
        if (payload.path("hasMedia").asBoolean(false)) {
            JsonNode file = payload.path("media");
            String mime = Json.text(file, "mimetype");
            kind = Kind.ofMimeType(mime);
            media = new Media(mime, null, Json.text(file, "url"), Json.text(file, "filename"), null);
        } else if (location.isObject() && Json.text(location, "latitude") != null) {
            kind = Kind.LOCATION;
            text = "Location:"
                    + (Json.text(location, "description") == null ? "" : " " + Json.text(location, "description") + ",")
                    + " " + Json.text(location, "latitude") + ", " + Json.text(location, "longitude");
        } else if (payload.path("vCards").isArray() && !payload.path("vCards").isEmpty()) {
            kind = Kind.CONTACTS;
            text = "Contact: " + payload.path("vCards").get(0).asString("");
        }
        String name = Json.text(payload.path("_data"), "notifyName");
        return List.of(new CustomerMessage(id, chat, name, Json.epoch(payload, "timestamp"), kind, text, null, media));
    }

    private static List<InboundEvent> ack(JsonNode payload) {
        String id = Json.text(payload, "id");
        if (id == null) {
            throw new MalformedWebhookException("A message.ack without message id");
        }
        String name = Json.text(payload, "ackName");
        int ack = payload.path("ack").asInt(Integer.MIN_VALUE);
        String status;
        if ("ERROR".equals(name) || ack == -1) {
            status = "failed";
        } else if ("SERVER".equals(name) || ack == 1) {
            status = "sent";
        } else if ("DEVICE".equals(name) || ack == 2) {
            status = "delivered";
        } else if ("READ".equals(name) || "PLAYED".equals(name) || ack >= 3) {
            status = "read";
        } else {
            return List.of();
        }
        return List.of(new DeliveryStatus(
                id,
                status,
                status.equals("failed") ? "ERROR" : null,
                status.equals("failed") ? "WhatsApp reported an error delivering the message" : null,
                null,
                Json.text(payload, "from"),
                null));
    }

    /** WAHA writes a customer's chat as {@code <number>@c.us}; a linked id ({@code @lid}) is used as it is. */
    static String chatId(String to) {
        return to.contains("@") ? to : to.replaceAll("\\D", "") + "@c.us";
    }

    @Override
    public String send(Connection connection, String to, OutboundMessage message, UUID reference) {
        // WhatsApp Web has no templates and no 24-hour window: a template goes as its text.
        Map<String, Object> body =
                Map.of("session", connection.identifier("session"), "chatId", chatId(to), "text", message.preview());
        JsonNode response = ProviderHttp.exchange(
                "WAHA",
                () -> http.post()
                        .uri(WahaSessions.base(connection) + "/api/sendText")
                        .header("X-Api-Key", connection.secret("apiKey"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body),
                WahaProvider::error);
        JsonNode id = response.path("id");
        String value = id.isObject() ? Json.text(id, "_serialized") : Json.text(response, "id");
        if (value == null) {
            value = Json.text(response.path("key"), "id");
        }
        if (value == null) {
            throw new SendException("WAHA accepted the message but returned no id", null, false, null);
        }
        return value;
    }

    /**
     * WAHA holds the chat's messages: a message in doubt is among our latest in the chat, with its text, sent since
     * the attempt (a minute's leeway for the clocks). WhatsApp Web may still be sending one WAHA took and did not
     * answer for; the worker looks only after a while.
     */
    @Override
    public Lookup lookup(Connection connection, String to, OutboundMessage message, Instant since) {
        JsonNode messages = ProviderHttp.exchange(
                "WAHA",
                () -> http.get()
                        .uri(
                                WahaSessions.base(connection)
                                        + "/api/{session}/chats/{chat}/messages?limit=50&downloadMedia=false"
                                        + "&filter.fromMe=true",
                                connection.identifier("session"),
                                chatId(to))
                        .header("X-Api-Key", connection.secret("apiKey")),
                WahaProvider::error);
        if (!messages.isArray()) {
            return Lookup.cannotTell();
        }
        Instant from = since.minus(Duration.ofMinutes(1));
        for (JsonNode sent : messages) {
            Instant at = Json.epoch(sent, "timestamp");
            String id = sent.path("id").isObject() ? Json.text(sent.path("id"), "_serialized") : Json.text(sent, "id");
            if (sent.path("fromMe").asBoolean(false)
                    && message.preview().equals(Json.text(sent, "body"))
                    && at != null
                    && !at.isBefore(from)
                    && id != null) {
                return Lookup.found(id);
            }
        }
        return Lookup.notFound();
    }

    /**
     * WAHA is where the tenant's URL points: what it says is logged, and only its status code is kept with the message
     * (an admin reads it in the outbox).
     */
    static ProviderHttp.Error error(JsonNode body) {
        return ProviderHttp.Error.of(Json.text(body, "statusCode"), null);
    }

    @Override
    public int maxTextLength() {
        return 4096;
    }
}
