package dev.grounded.channel.whatsapp.meta;

import dev.grounded.channel.Provider;
import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.InboundEvent;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.Kind;
import dev.grounded.channel.whatsapp.InboundEvent.Media;
import dev.grounded.channel.whatsapp.InboundEvent.Rejected;
import dev.grounded.channel.whatsapp.Json;
import dev.grounded.channel.whatsapp.MalformedWebhookException;
import dev.grounded.channel.whatsapp.OutboundMessage;
import dev.grounded.channel.whatsapp.ProviderHttp;
import dev.grounded.channel.whatsapp.SendException;
import dev.grounded.channel.whatsapp.Signatures;
import dev.grounded.channel.whatsapp.WebhookRequest;
import dev.grounded.channel.whatsapp.WhatsAppProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's WhatsApp Cloud API: webhooks signed with {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body with the
 * app secret), sends through Graph's {@code /{phone-number-id}/messages}. Graph has no way to look a sent message up:
 * a send whose answer was lost is recognised only by its status webhooks, which carry our id back
 * ({@code biz_opaque_callback_data}).
 */
@Component
class MetaProvider implements WhatsAppProvider {

    /**
     * Graph error codes that mean "slow down", sent with a 400 but worth retrying: 131056 is the pair rate (too many
     * messages to one customer), the others the app's or the number's throughput and spam limits.
     */
    private static final Map<String, SendException.Backoff> THROTTLED = Map.of(
            "131056", SendException.Backoff.PAIR_RATE,
            "130429", SendException.Backoff.THROUGHPUT,
            "131048", SendException.Backoff.THROUGHPUT,
            "80007", SendException.Backoff.THROUGHPUT,
            "4", SendException.Backoff.THROUGHPUT);

    private final JsonMapper json;
    private final RestClient http;
    private final WhatsAppProperties properties;

    MetaProvider(JsonMapper json, ProviderHttp http, WhatsAppProperties properties) {
        this.json = json;
        this.http = http.client();
        this.properties = properties;
    }

    @Override
    public Provider provider() {
        return Provider.META;
    }

    @Override
    public Signature verify(Connection connection, WebhookRequest request) {
        String header = request.header("X-Hub-Signature-256");
        if (header == null || header.isBlank()) {
            return Signature.MISSING;
        }
        if (!header.startsWith("sha256=")) {
            return Signature.INVALID;
        }
        byte[] expected = Signatures.hmac("HmacSHA256", connection.secret("appSecret"), request.body());
        return Signatures.matchesHex(expected, header.substring("sha256=".length()))
                ? Signature.VALID
                : Signature.INVALID;
    }

    @Override
    public List<InboundEvent> parse(Connection connection, WebhookRequest request) {
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("entry").isArray()) {
            throw new MalformedWebhookException("Not a WhatsApp Cloud API notification: no entry array");
        }
        List<InboundEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    String name = Json.text(contact.path("profile"), "name");
                    if (Json.text(contact, "wa_id") != null && name != null) {
                        names.put(Json.text(contact, "wa_id"), name);
                    }
                }
                // One unreadable message must not cost the batch's others their answer: Meta would redeliver the
                // whole batch, refused, forever.
                for (JsonNode message : value.path("messages")) {
                    try {
                        events.add(message(message, names));
                    } catch (MalformedWebhookException e) {
                        events.add(Rejected.of(Json.text(message, "id"), message.toString(), e.getMessage()));
                    }
                }
                for (JsonNode status : value.path("statuses")) {
                    try {
                        events.add(status(status));
                    } catch (MalformedWebhookException e) {
                        events.add(Rejected.of(null, status.toString(), e.getMessage()));
                    }
                }
            }
        }
        return events;
    }

    private static CustomerMessage message(JsonNode message, Map<String, String> names) {
        String id = Json.text(message, "id");
        String from = Json.text(message, "from");
        if (id == null || from == null) {
            throw new MalformedWebhookException("A message without id or sender");
        }
        String type = message.path("type").asString("");
        JsonNode body = message.path(type);
        Kind kind;
        String text = null;
        String payload = null;
        Media media = null;
        switch (type) {
            case "text" -> {
                kind = Kind.TEXT;
                text = Json.text(body, "body");
            }
            case "button" -> {
                kind = Kind.BUTTON;
                text = Json.text(body, "text");
                payload = Json.text(body, "payload");
            }
            case "interactive" -> {
                JsonNode reply =
                        body.path("button_reply").isObject() ? body.path("button_reply") : body.path("list_reply");
                kind = body.path("button_reply").isObject() ? Kind.BUTTON : Kind.LIST;
                text = Json.text(reply, "title");
                payload = Json.text(reply, "id");
                if (text == null) {
                    kind = Kind.UNSUPPORTED;
                } else if (Json.text(reply, "description") != null) {
                    text = text + " — " + Json.text(reply, "description");
                }
            }
            case "location" -> {
                kind = Kind.LOCATION;
                text = location(body);
            }
            case "contacts" -> {
                kind = Kind.CONTACTS;
                text = contacts(message.path("contacts"));
            }
            case "image", "document", "audio", "video", "sticker" -> {
                kind = type.equals("audio") && body.path("voice").asBoolean(false)
                        ? Kind.VOICE
                        : Kind.valueOf(type.toUpperCase(Locale.ROOT));
                text = Json.text(body, "caption");
                media = new Media(
                        Json.text(body, "mime_type"),
                        Json.text(body, "id"),
                        null,
                        Json.text(body, "filename"),
                        Json.text(body, "sha256"));
            }
            case "reaction" -> {
                kind = Kind.REACTION;
                text = Json.text(body, "emoji");
            }
            case "system" -> {
                // WhatsApp's notice that the customer changed number (or similar): the customer did not write.
                kind = Kind.SYSTEM;
                text = Json.text(body, "body");
            }
            default -> kind = Kind.UNSUPPORTED;
        }
        return new CustomerMessage(
                id, from, names.get(from), Json.epoch(message, "timestamp"), kind, text, payload, media);
    }

    private static String location(JsonNode location) {
        StringBuilder text = new StringBuilder("Location:");
        for (String field : List.of("name", "address")) {
            if (Json.text(location, field) != null) {
                text.append(' ').append(Json.text(location, field)).append(',');
            }
        }
        return text.append(" ")
                .append(Json.text(location, "latitude"))
                .append(", ")
                .append(Json.text(location, "longitude"))
                .toString();
    }

    private static String contacts(JsonNode contacts) {
        List<String> cards = new ArrayList<>();
        for (JsonNode contact : contacts) {
            List<String> phones = new ArrayList<>();
            for (JsonNode phone : contact.path("phones")) {
                if (Json.text(phone, "phone") != null) {
                    phones.add(Json.text(phone, "phone"));
                }
            }
            cards.add(Json.text(contact.path("name"), "formatted_name")
                    + (phones.isEmpty() ? "" : " " + String.join(", ", phones)));
        }
        return "Contact: " + String.join("; ", cards);
    }

    private static DeliveryStatus status(JsonNode status) {
        String id = Json.text(status, "id");
        String value = Json.text(status, "status");
        if (id == null || value == null) {
            throw new MalformedWebhookException("A status without message id or status");
        }
        JsonNode error = status.path("errors").path(0);
        String detail = Json.text(error.path("error_data"), "details");
        String message = Json.text(error, "message");
        return new DeliveryStatus(
                id,
                value,
                Json.text(error, "code"),
                detail != null ? (message != null ? message + ": " + detail : detail) : message,
                Json.epoch(status, "timestamp"),
                Json.text(status, "recipient_id"),
                Json.text(status, "biz_opaque_callback_data"));
    }

    @Override
    public String send(Connection connection, String to, OutboundMessage message, UUID reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", to.replaceAll("\\D", ""));
        // Meta returns it in every status webhook of the message: a send whose answer was lost is recognised by it.
        body.put("biz_opaque_callback_data", reference.toString());
        switch (message) {
            case OutboundMessage.Text text -> {
                body.put("type", "text");
                body.put("text", Map.of("body", text.body(), "preview_url", false));
            }
            case OutboundMessage.Template template -> {
                body.put("type", "template");
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("name", template.name());
                content.put("language", Map.of("code", template.language()));
                if (!template.parameters().isEmpty()) {
                    content.put(
                            "components",
                            List.of(Map.of(
                                    "type",
                                    "body",
                                    "parameters",
                                    template.parameters().stream()
                                            .map(p -> Map.of("type", "text", "text", p))
                                            .toList())));
                }
                body.put("template", content);
            }
        }
        String url = properties.graphUrl() + "/" + connection.identifier("phoneNumberId") + "/messages";
        JsonNode response = ProviderHttp.exchange(
                "Meta",
                () -> http.post()
                        .uri(url)
                        .headers(h -> h.setBearerAuth(connection.secret("accessToken")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body),
                error -> {
                    JsonNode graph = error.path("error");
                    String code = Json.text(graph, "code");
                    String detail = Json.text(graph.path("error_data"), "details");
                    String text = Json.text(graph, "message");
                    return new ProviderHttp.Error(
                            code,
                            detail == null ? text : text + ": " + detail,
                            code == null ? null : THROTTLED.get(code));
                });
        String id = Json.text(response.path("messages").path(0), "id");
        if (id == null) {
            throw new SendException("Meta accepted the message but returned no id: " + response, null, false, null);
        }
        return id;
    }

    @Override
    public int maxTextLength() {
        return 4096;
    }
}
