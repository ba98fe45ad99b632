package dev.grounded.channel.whatsapp.twilio;

import static dev.grounded.channel.whatsapp.WebhookFixtures.altered;
import static dev.grounded.channel.whatsapp.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.channel.Provider;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.InboundEvent;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.Kind;
import dev.grounded.channel.whatsapp.WebhookFixtures;
import dev.grounded.channel.whatsapp.WhatsAppProvider.Signature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Twilio's webhooks against twilio-java's published vectors and the shared WhatsApp forms with their signatures. */
class TwilioWebhookContractTest {

    private final TwilioProvider twilio =
            new TwilioProvider(WebhookFixtures.http(), WebhookFixtures.properties(), WebhookFixtures.JSON);

    @Test
    void everyPublishedTwilioVectorVerifiesAndAnAlterationDoesNot() {
        List<JsonNode> vectors = WebhookFixtures.vectors("Twilio");
        assertThat(vectors).hasSize(4);
        for (JsonNode vector : vectors) {
            Connection connection = WebhookFixtures.connection(
                    Provider.TWILIO, Map.of("authToken", vector.get("key").asString()));
            String url = vector.get("url").asString();
            byte[] body = vector.has("params")
                    ? form(vector.get("params")).getBytes(StandardCharsets.UTF_8)
                    : WebhookFixtures.body(vector);
            String signature = vector.get("expected").asString();
            String id = vector.get("id").asString();

            assertThat(twilio.verify(connection, request(body, Map.of("X-Twilio-Signature", signature), List.of(url))))
                    .as(id)
                    .isEqualTo(Signature.VALID);
            // Twilio's SDKs accept the URL with or without the default port; so do we.
            String otherPort = url.contains(":443") ? url.replace(":443", "") : url.replace(".com/", ".com:443/");
            assertThat(twilio.verify(
                            connection, request(body, Map.of("X-Twilio-Signature", signature), List.of(otherPort))))
                    .as(id + " port")
                    .isEqualTo(Signature.VALID);
            if (body.length > 0) {
                assertThat(twilio.verify(
                                connection,
                                request(altered(body), Map.of("X-Twilio-Signature", signature), List.of(url))))
                        .as(id + " altered body")
                        .isEqualTo(Signature.INVALID);
            }
            assertThat(twilio.verify(
                            connection, request(body, Map.of("X-Twilio-Signature", altered(signature)), List.of(url))))
                    .as(id + " altered signature")
                    .isEqualTo(Signature.INVALID);
            assertThat(twilio.verify(
                            connection,
                            request(body, Map.of("X-Twilio-Signature", signature), List.of(url + "&extra=1"))))
                    .as(id + " another URL")
                    .isEqualTo(Signature.INVALID);
            assertThat(twilio.verify(connection, request(body, Map.of(), List.of(url))))
                    .isEqualTo(Signature.MISSING);
        }
    }

    @Test
    void everySharedWhatsAppFormVerifiesWithItsSignature() {
        JsonNode derived = WebhookFixtures.JSON.readTree(
                WebhookFixtures.path("twilio/derived-signatures.json").toFile());
        Connection connection = WebhookFixtures.connection(
                Provider.TWILIO, Map.of("authToken", derived.get("auth_token").asString()));
        String url = derived.get("url").asString();
        var signatures = derived.get("signatures").properties();
        assertThat(signatures).hasSize(8);
        for (var entry : signatures) {
            byte[] body = WebhookFixtures.bytes("twilio/" + entry.getKey());
            String signature = entry.getValue().asString();
            assertThat(twilio.verify(connection, request(body, Map.of("X-Twilio-Signature", signature), List.of(url))))
                    .as(entry.getKey())
                    .isEqualTo(Signature.VALID);
            assertThat(twilio.verify(
                            connection, request(altered(body), Map.of("X-Twilio-Signature", signature), List.of(url))))
                    .as(entry.getKey() + " altered")
                    .isEqualTo(Signature.INVALID);
        }
    }

    @Test
    void readsInboundMessagesAndStatusCallbacks() {
        CustomerMessage text =
                (CustomerMessage) parse("inbound-whatsapp-text.form.txt").getFirst();
        assertThat(text)
                .extracting(CustomerMessage::kind, CustomerMessage::text, CustomerMessage::from)
                .containsExactly(Kind.TEXT, "Hello, what are your opening hours?", "whatsapp:+14155550100");
        assertThat(text.profileName()).isEqualTo("Test User");
        CustomerMessage button = (CustomerMessage)
                parse("inbound-whatsapp-quick-reply-button.form.txt").getFirst();
        assertThat(button.kind()).isEqualTo(Kind.BUTTON);
        assertThat(button.text()).isNotBlank();
        CustomerMessage image =
                (CustomerMessage) parse("inbound-whatsapp-image.form.txt").getFirst();
        assertThat(image.kind()).isEqualTo(Kind.IMAGE);
        assertThat(image.media().url()).startsWith("https://");

        assertThat(((DeliveryStatus) parse("status-callback-sent.form.txt").getFirst()).status())
                .isEqualTo("sent");
        assertThat(((DeliveryStatus) parse("status-callback-delivered.form.txt").getFirst()).status())
                .isEqualTo("delivered");
        assertThat(((DeliveryStatus) parse("status-callback-read.form.txt").getFirst()).status())
                .isEqualTo("read");
        DeliveryStatus failed =
                (DeliveryStatus) parse("status-callback-failed.form.txt").getFirst();
        assertThat(failed)
                .extracting(DeliveryStatus::status, DeliveryStatus::errorCode)
                .containsExactly("failed", "63016");
        assertThat(failed.errorMessage()).contains("outside the allowed window");
        assertThat(((DeliveryStatus)
                                parse("status-callback-undelivered.form.txt").getFirst())
                        .status())
                .isEqualTo("failed");
    }

    private List<InboundEvent> parse(String file) {
        return twilio.parse(
                WebhookFixtures.connection(Provider.TWILIO, Map.of()),
                request(WebhookFixtures.bytes("twilio/" + file), Map.of(), List.of()));
    }

    private static String form(JsonNode params) {
        return params.properties().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue().asString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
