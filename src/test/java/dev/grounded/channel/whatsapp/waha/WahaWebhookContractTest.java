package dev.grounded.channel.whatsapp.waha;

import static dev.grounded.channel.whatsapp.WebhookFixtures.altered;
import static dev.grounded.channel.whatsapp.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.channel.Provider;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.InboundEvent;
import dev.grounded.channel.whatsapp.InboundEvent.BusinessMessage;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.Kind;
import dev.grounded.channel.whatsapp.InboundEvent.SessionStatus;
import dev.grounded.channel.whatsapp.MalformedWebhookException;
import dev.grounded.channel.whatsapp.WebhookFixtures;
import dev.grounded.channel.whatsapp.WhatsAppProvider.Signature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** WAHA's webhooks against its documentation's payloads and HMAC example. */
class WahaWebhookContractTest {

    private final WahaProvider waha = new WahaProvider(WebhookFixtures.JSON, WebhookFixtures.http());

    @Test
    void thePublishedHmacVectorVerifiesAndAnAlterationDoesNot() {
        List<JsonNode> vectors = WebhookFixtures.vectors("WAHA");
        assertThat(vectors).hasSize(1);
        JsonNode vector = vectors.getFirst();
        Connection connection = WebhookFixtures.connection(
                Provider.WAHA, Map.of("webhookHmacKey", vector.get("key").asString()));
        byte[] body = WebhookFixtures.body(vector);
        String hmac = vector.get("expected").asString();
        Map<String, String> headers = Map.of("X-Webhook-Hmac", hmac, "X-Webhook-Hmac-Algorithm", "sha512");

        assertThat(waha.verify(connection, request(body, headers, List.of()))).isEqualTo(Signature.VALID);
        assertThat(waha.verify(connection, request(altered(body), headers, List.of())))
                .isEqualTo(Signature.INVALID);
        assertThat(waha.verify(connection, request(body, Map.of("X-Webhook-Hmac", altered(hmac)), List.of())))
                .isEqualTo(Signature.INVALID);
        assertThat(waha.verify(connection, request(body, Map.of("X-Webhook-Hmac", "zz-not-hex"), List.of())))
                .isEqualTo(Signature.INVALID);
        assertThat(waha.verify(connection, request(body, Map.of(), List.of()))).isEqualTo(Signature.MISSING);
    }

    @Test
    void readsTheDocumentedEvents() {
        assertThat(parse("waha-docs__message.strict.json").getFirst())
                .isInstanceOfSatisfying(BusinessMessage.class, m -> {
                    assertThat(m.text()).isEqualTo("Hi there!");
                    assertThat(m.fromPhone()).as("source: app").isTrue();
                });
        assertThat(parse("waha-docs__message-replyTo.strict.json")).hasSize(1);
        assertThat(parse("waha-docs__message.ack.strict.json").getFirst())
                .isInstanceOfSatisfying(
                        DeliveryStatus.class, s -> assertThat(s.status()).isEqualTo("read"));
        assertThat(parse("waha-docs__session.status.strict.json").getFirst())
                .isInstanceOfSatisfying(SessionStatus.class, s -> {
                    assertThat(s.status()).isEqualTo("WORKING");
                    // No envelope id: known by when WORKING happened, from the payload's statuses.
                    assertThat(s.at()).isEqualTo(java.time.Instant.ofEpochMilli(1_700_000_003_000L));
                });
        assertThat(parse("waha-docs__message.reaction.strict.json")).isEmpty();
        // The documented envelope with its payload left out ({}) is a message event with no message.
        assertThatThrownBy(() -> parse("waha-docs__envelope-structure.strict.json"))
                .isInstanceOf(MalformedWebhookException.class);
        for (String media : List.of(
                "waha-docs__message-media-image.strict.json", "waha-docs__message-media-document.strict.json")) {
            assertThat(parse(media)).as(media).hasSize(1);
        }
    }

    @Test
    void aCustomersMessageAndMediaAreReadAndGroupsAreLeftAlone() {
        CustomerMessage text = (CustomerMessage) parse(("{\"event\":\"message\",\"session\":\"default\",\"payload\":"
                                + "{\"id\":\"false_34600111222@c.us_ABC\",\"timestamp\":1667561485,"
                                + "\"from\":\"34600111222@c.us\",\"fromMe\":false,\"body\":\"¿Abrís el domingo?\","
                                + "\"hasMedia\":false}}")
                        .getBytes(StandardCharsets.UTF_8))
                .getFirst();
        assertThat(text)
                .extracting(CustomerMessage::kind, CustomerMessage::text, CustomerMessage::from)
                .containsExactly(Kind.TEXT, "¿Abrís el domingo?", "34600111222@c.us");
        CustomerMessage voice = (CustomerMessage) parse(("{\"event\":\"message\",\"payload\":{\"id\":\"v1\","
                                + "\"from\":\"34600111222@c.us\",\"fromMe\":false,\"hasMedia\":true,"
                                + "\"media\":{\"url\":\"http://waha/files/v1.oga\",\"mimetype\":\"audio/ogg; codecs=opus\"}}}")
                        .getBytes(StandardCharsets.UTF_8))
                .getFirst();
        assertThat(voice.kind()).isEqualTo(Kind.VOICE);
        assertThat(voice.media().url()).isEqualTo("http://waha/files/v1.oga");
        assertThat(parse(("{\"event\":\"message\",\"payload\":{\"id\":\"g1\",\"from\":\"123@g.us\",\"fromMe\":false,"
                                + "\"body\":\"hi all\"}}")
                        .getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThatThrownBy(() -> parse("{\"payload\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void whatsAppWebsOwnNoticesAreNotTheCustomers() {
        CustomerMessage notice = (CustomerMessage) parse(("{\"event\":\"message.any\",\"session\":\"default\","
                                + "\"payload\":{\"id\":\"false_34600111222@c.us_N1\",\"timestamp\":1667561485,"
                                + "\"from\":\"34600111222@c.us\",\"fromMe\":false,\"body\":\"\",\"hasMedia\":false,"
                                + "\"_data\":{\"type\":\"e2e_notification\",\"subtype\":\"encrypt\"}}}")
                        .getBytes(StandardCharsets.UTF_8))
                .getFirst();
        assertThat(notice.kind()).isEqualTo(Kind.SYSTEM);
    }

    private List<InboundEvent> parse(String file) {
        return parse(WebhookFixtures.bytes("waha/" + file));
    }

    private List<InboundEvent> parse(byte[] body) {
        return waha.parse(WebhookFixtures.connection(Provider.WAHA, Map.of()), request(body, Map.of(), List.of()));
    }
}
