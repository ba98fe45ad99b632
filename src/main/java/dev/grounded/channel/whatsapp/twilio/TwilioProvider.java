package dev.grounded.channel.whatsapp.twilio;

import dev.grounded.channel.Provider;
import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.InboundEvent;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.Kind;
import dev.grounded.channel.whatsapp.InboundEvent.Media;
import dev.grounded.channel.whatsapp.Json;
import dev.grounded.channel.whatsapp.MalformedWebhookException;
import dev.grounded.channel.whatsapp.OutboundMessage;
import dev.grounded.channel.whatsapp.ProviderHttp;
import dev.grounded.channel.whatsapp.SendException;
import dev.grounded.channel.whatsapp.Signatures;
import dev.grounded.channel.whatsapp.WebhookRequest;
import dev.grounded.channel.whatsapp.WhatsAppProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's WhatsApp senders: form-encoded webhooks signed with {@code X-Twilio-Signature} (base64 HMAC-SHA1 of the
 * exact URL Twilio called followed by every parameter, sorted by name, with the auth token), sends through the
 * Messages API.
 */
@Component
class TwilioProvider implements WhatsAppProvider {

    /** The status callback URL's parameter that names our message. */
    private static final String REFERENCE = "outbox";

    /** Statuses before "sent" say nothing an agent needs. */
    private static final Set<String> INTERIM = Set.of("queued", "accepted", "sending", "scheduled", "receiving");

    private final RestClient http;
    private final WhatsAppProperties properties;
    private final JsonMapper json;

    TwilioProvider(ProviderHttp http, WhatsAppProperties properties, JsonMapper json) {
        this.http = http.client();
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    @Override
    public Signature verify(Connection connection, WebhookRequest request) {
        String header = request.header("X-Twilio-Signature");
        if (header == null || header.isBlank()) {
            return Signature.MISSING;
        }
        for (String url : request.urls()) {
            // A JSON body is signed through its SHA-256 in the URL's bodySHA256 parameter, with no form parameters.
            String bodyHash = bodySha256(url);
            if (bodyHash != null && !Signatures.matchesHex(sha256(request.body()), bodyHash)) {
                continue;
            }
            Map<String, List<String>> params = bodyHash != null ? Map.of() : form(request.body());
            for (String candidate : withAndWithoutPort(url)) {
                if (Signatures.equal(signature(connection.secret("authToken"), candidate, params), header)) {
                    return Signature.VALID;
                }
            }
        }
        return Signature.INVALID;
    }

    private static String bodySha256(String url) {
        int at = url.indexOf("bodySHA256=");
        if (at < 0) {
            return null;
        }
        int end = url.indexOf('&', at);
        return url.substring(at + "bodySHA256=".length(), end < 0 ? url.length() : end);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Twilio's algorithm: the URL, then each parameter name followed by its value, names sorted. */
    static String signature(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().sorted().forEach(value -> data.append(name)
                .append(value)));
        return Base64.getEncoder()
                .encodeToString(
                        Signatures.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Twilio's SDKs accept a signature over the URL with or without the scheme's default port; so do we. */
    private static Set<String> withAndWithoutPort(String url) {
        Set<String> urls = new LinkedHashSet<>();
        urls.add(url);
        try {
            URI uri = URI.create(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            if (uri.getPort() == -1) {
                urls.add(uri.getScheme() + "://" + uri.getHost() + ":" + defaultPort + rest);
            } else if (uri.getPort() == defaultPort) {
                urls.add(uri.getScheme() + "://" + uri.getHost() + rest);
            }
        } catch (IllegalArgumentException e) {
            // not a URL we can vary; the exact one was tried
        }
        return urls;
    }

    static Map<String, List<String>> form(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new MalformedWebhookException("The form body is not URL-encoded: " + e.getMessage(), e);
            }
        }
        return params;
    }

    @Override
    public List<InboundEvent> parse(Connection connection, WebhookRequest request) {
        Map<String, List<String>> params = form(request.body());
        String sid = first(params, "MessageSid");
        if (sid == null) {
            sid = first(params, "SmsSid");
        }
        if (sid == null) {
            throw new MalformedWebhookException("Not a Twilio message webhook: no MessageSid");
        }
        String status = first(params, "MessageStatus");
        boolean inbound = first(params, "Body") != null
                || first(params, "NumMedia") != null
                || "received".equals(first(params, "SmsStatus"));
        if (status != null && !inbound) {
            status = status.toLowerCase(Locale.ROOT);
            if (INTERIM.contains(status)) {
                return List.of();
            }
            return List.of(new DeliveryStatus(
                    sid,
                    status.equals("undelivered") ? "failed" : status,
                    first(params, "ErrorCode"),
                    first(params, "ErrorMessage"),
                    null,
                    first(params, "To"),
                    reference(request)));
        }
        String from = first(params, "From");
        if (from == null) {
            throw new MalformedWebhookException("A Twilio message without From");
        }
        return List.of(message(sid, from, params));
    }

    /** Our id for the message, in the query of the status callback URL we gave Twilio with it. */
    private static String reference(WebhookRequest request) {
        for (String url : request.urls()) {
            int query = url.indexOf('?');
            if (query < 0) {
                continue;
            }
            for (String pair : url.substring(query + 1).split("&")) {
                if (pair.startsWith(REFERENCE + "=")) {
                    return URLDecoder.decode(pair.substring(REFERENCE.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static CustomerMessage message(String sid, String from, Map<String, List<String>> params) {
        String body = first(params, "Body");
        String type = String.valueOf(first(params, "MessageType")).toLowerCase(Locale.ROOT);
        int media = parseInt(first(params, "NumMedia"));
        Kind kind = Kind.TEXT;
        String text = body;
        String payload = null;
        Media attachment = null;
        if (first(params, "ButtonText") != null || type.equals("button")) {
            kind = Kind.BUTTON;
            text = first(params, "ButtonText") != null ? first(params, "ButtonText") : body;
            payload = first(params, "ButtonPayload");
        } else if (first(params, "ListTitle") != null) {
            kind = Kind.LIST;
            text = first(params, "ListTitle");
            payload = first(params, "ListId");
        } else if (first(params, "Latitude") != null) {
            kind = Kind.LOCATION;
            text = "Location:"
                    + (first(params, "Label") == null ? "" : " " + first(params, "Label") + ",")
                    + (first(params, "Address") == null ? "" : " " + first(params, "Address") + ",")
                    + " " + first(params, "Latitude") + ", " + first(params, "Longitude");
        } else if (media > 0) {
            String mime = first(params, "MediaContentType0");
            kind = Kind.ofMimeType(mime);
            attachment = new Media(mime, null, first(params, "MediaUrl0"), null, null);
        } else if (body == null || body.isBlank()) {
            kind = Kind.UNSUPPORTED;
        }
        return new CustomerMessage(
                sid, from, first(params, "ProfileName"), null, kind, blankToNull(text), payload, attachment);
    }

    @Override
    public String send(Connection connection, String to, OutboundMessage message, UUID reference) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("From", whatsapp(connection.identifier("sender")));
        form.add("To", whatsapp(to));
        switch (message) {
            case OutboundMessage.Text text -> form.add("Body", text.body());
            case OutboundMessage.Template template -> {
                if (template.providerRef() == null || template.providerRef().isBlank()) {
                    throw new SendException(
                            "The template " + template.name() + " has no Twilio Content SID", "template", false, null);
                }
                form.add("ContentSid", template.providerRef());
                Map<String, String> variables = new LinkedHashMap<>();
                for (int i = 0; i < template.parameters().size(); i++) {
                    variables.put(String.valueOf(i + 1), template.parameters().get(i));
                }
                form.add("ContentVariables", json.writeValueAsString(variables));
            }
        }
        if (!properties.publicUrl().isBlank()) {
            // Per message, with our id: its statuses name it even when the answer to this request is lost.
            form.add(
                    "StatusCallback",
                    properties.webhookUrl(Provider.TWILIO, connection.id()) + "/status?" + REFERENCE + "=" + reference);
        }
        String accountSid = connection.identifier("accountSid");
        String url = properties.twilioUrl() + "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        JsonNode response = ProviderHttp.exchange(
                "Twilio",
                () -> http.post()
                        .uri(url)
                        .headers(h -> h.setBasicAuth(accountSid, connection.secret("authToken")))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(form),
                error -> ProviderHttp.Error.of(Json.text(error, "code"), Json.text(error, "message")));
        String sid = Json.text(response, "sid");
        if (sid == null) {
            throw new SendException("Twilio accepted the message but returned no sid", null, false, null);
        }
        return sid;
    }

    /**
     * Twilio keeps every message sent: a message in doubt is among the latest 50 to the customer from this sender, with
     * its text, created since the attempt (a minute's leeway for the clocks).
     */
    @Override
    public Lookup lookup(Connection connection, String to, OutboundMessage message, Instant since) {
        String accountSid = connection.identifier("accountSid");
        // As variables, the numbers' "+" is encoded: a literal one would reach Twilio as a space.
        URI uri = UriComponentsBuilder.fromUriString(properties.twilioUrl())
                .path("/2010-04-01/Accounts/{account}/Messages.json")
                .queryParam("To", "{to}")
                .queryParam("From", "{from}")
                .queryParam("PageSize", 50)
                .encode()
                .buildAndExpand(Map.of(
                        "account", accountSid, "to", whatsapp(to), "from", whatsapp(connection.identifier("sender"))))
                .toUri();
        JsonNode page = ProviderHttp.exchange(
                "Twilio",
                () -> http.get().uri(uri).headers(h -> h.setBasicAuth(accountSid, connection.secret("authToken"))),
                error -> ProviderHttp.Error.of(Json.text(error, "code"), Json.text(error, "message")));
        if (!page.path("messages").isArray()) {
            return Lookup.cannotTell();
        }
        Instant from = since.minus(Duration.ofMinutes(1));
        for (JsonNode sent : page.path("messages")) {
            Instant created = rfc1123(Json.text(sent, "date_created"));
            if (message.preview().equals(Json.text(sent, "body"))
                    && created != null
                    && !created.isBefore(from)
                    && Json.text(sent, "sid") != null) {
                return Lookup.found(Json.text(sent, "sid"));
            }
        }
        // A template's text is Twilio's rendering of its content, which ours may not match word for word: not seeing
        // it is no proof it was not sent.
        return message instanceof OutboundMessage.Template ? Lookup.cannotTell() : Lookup.notFound();
    }

    private static Instant rfc1123(String date) {
        try {
            return date == null
                    ? null
                    : ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String whatsapp(String number) {
        String value = number.strip();
        if (value.startsWith("whatsapp:")) {
            return value;
        }
        String digits = value.replaceAll("[^\\d+]", "");
        return "whatsapp:" + (digits.startsWith("+") ? digits : "+" + digits);
    }

    @Override
    public int maxTextLength() {
        return 1600;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
