package dev.grounded.channel.whatsapp.meta;

import static dev.grounded.channel.whatsapp.WebhookFixtures.altered;
import static dev.grounded.channel.whatsapp.WebhookFixtures.body;
import static dev.grounded.channel.whatsapp.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.channel.Provider;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.InboundEvent;
import dev.grounded.channel.whatsapp.InboundEvent.CustomerMessage;
import dev.grounded.channel.whatsapp.InboundEvent.DeliveryStatus;
import dev.grounded.channel.whatsapp.InboundEvent.Kind;
import dev.grounded.channel.whatsapp.MalformedWebhookException;
import dev.grounded.channel.whatsapp.WebhookFixtures;
import dev.grounded.channel.whatsapp.WhatsAppProvider.Signature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Meta's webhooks against the shared real payloads (pywa's and a Java client's fixtures) and every Meta-scheme
 * signature vector: valid accepted, altered body or signature rejected, over the raw bytes.
 */
class MetaWebhookContractTest {

    private final MetaProvider meta =
            new MetaProvider(WebhookFixtures.JSON, WebhookFixtures.http(), WebhookFixtures.properties());

    @Test
    void everyMetaSchemeSignatureVectorVerifiesAndAnAlterationDoesNot() {
        List<JsonNode> vectors = new java.util.ArrayList<>(WebhookFixtures.vectors("Meta"));
        vectors.addAll(WebhookFixtures.vectors("GitHub"));
        assertThat(vectors).hasSize(6);
        for (JsonNode vector : vectors) {
            Connection connection = WebhookFixtures.connection(
                    Provider.META, Map.of("appSecret", vector.get("key").asString()));
            byte[] body = body(vector);
            String expected = vector.get("expected").asString();
            String header = expected.startsWith("sha256=") ? expected : "sha256=" + expected;
            String id = vector.get("id").asString();

            assertThat(meta.verify(connection, request(body, Map.of("X-Hub-Signature-256", header), List.of())))
                    .as(id)
                    .isEqualTo(Signature.VALID);
            assertThat(meta.verify(
                            connection, request(altered(body), Map.of("X-Hub-Signature-256", header), List.of())))
                    .as(id + " altered body")
                    .isEqualTo(Signature.INVALID);
            assertThat(meta.verify(
                            connection, request(body, Map.of("X-Hub-Signature-256", altered(header)), List.of())))
                    .as(id + " altered signature")
                    .isEqualTo(Signature.INVALID);
            assertThat(meta.verify(connection, request(body, Map.of(), List.of())))
                    .as(id + " no signature")
                    .isEqualTo(Signature.MISSING);
            if (vector.has("wrong_if_reserialised_utf8")) {
                assertThat(meta.verify(
                                connection,
                                request(
                                        body,
                                        Map.of(
                                                "X-Hub-Signature-256",
                                                vector.get("wrong_if_reserialised_utf8")
                                                        .asString()),
                                        List.of())))
                        .as("a signature over re-serialised JSON is not the raw body's")
                        .isEqualTo(Signature.INVALID);
            }
        }
    }

    @Test
    void readsEveryKindOfMessageInTheRealPayloads() {
        assertThat(message("pywa__message__text.json"))
                .extracting(CustomerMessage::kind, CustomerMessage::text, CustomerMessage::from)
                .containsExactly(Kind.TEXT, "Body Text", "972987654321");
        assertThat(message("pywa__message__text.json").profileName()).isEqualTo("Test Name");
        assertThat(message("pywa__callback_button__button.json").kind()).isEqualTo(Kind.BUTTON);
        assertThat(message("pywa__callback_button__quick_reply.json"))
                .extracting(CustomerMessage::kind, CustomerMessage::text, CustomerMessage::payload)
                .containsExactly(Kind.BUTTON, "title", "callback_data");
        assertThat(message("pywa__callback_selection__callback.json"))
                .extracting(CustomerMessage::kind, CustomerMessage::text, CustomerMessage::payload)
                .containsExactly(Kind.LIST, "title", "callback_data");
        assertThat(message("pywa__message__voice.json").kind()).isEqualTo(Kind.VOICE);
        assertThat(message("pywa__message__audio.json").kind()).isEqualTo(Kind.AUDIO);
        CustomerMessage image = message("pywa__message__image.json");
        assertThat(image.kind()).isEqualTo(Kind.IMAGE);
        assertThat(image.media().mimeType()).startsWith("image/");
        assertThat(image.media().providerId()).isNotBlank();
        CustomerMessage document = message("pywa__message__document.json");
        assertThat(document)
                .extracting(CustomerMessage::kind, CustomerMessage::text)
                .containsExactly(Kind.DOCUMENT, "caption");
        assertThat(document.media().fileName()).isEqualTo("filename.pdf");
        assertThat(message("pywa__message__current_location.json"))
                .extracting(CustomerMessage::kind, CustomerMessage::text)
                .containsExactly(Kind.LOCATION, "Location: 12.25089, 43.90539");
        assertThat(message("pywa__message__contacts.json").text())
                .startsWith("Contact: Chandler Bing +1 555-555-5555")
                .contains("Monica");
        assertThat(message("pywa__message__reaction.json").kind()).isEqualTo(Kind.REACTION);
        assertThat(message("pywa__message__unsupported.json").kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(message("pywa__message__order.json").kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(message("pywa__message__interactive_message_with_err.json").kind())
                .isEqualTo(Kind.UNSUPPORTED);
        assertThat(message("pywa__message__reply.json").kind()).isEqualTo(Kind.TEXT);
        assertThat(message("bindambc-java/textMessage.json").kind()).isEqualTo(Kind.TEXT);
        assertThat(message("bindambc-java/buttonMessage.json").kind()).isEqualTo(Kind.BUTTON);
        assertThat(message("bindambc-java/imageMessage.json").kind()).isEqualTo(Kind.IMAGE);
    }

    @Test
    void readsDeliveryStatusesWithTheProvidersError() {
        assertThat(status("pywa__message_status__sent.json").status()).isEqualTo("sent");
        assertThat(status("pywa__message_status__delivered.json").status()).isEqualTo("delivered");
        assertThat(status("pywa__message_status__read.json").status()).isEqualTo("read");
        DeliveryStatus failed = status("pywa__message_status__failed.json");
        assertThat(failed)
                .extracting(DeliveryStatus::providerMessageId, DeliveryStatus::status, DeliveryStatus::errorCode)
                .containsExactly("wamid.xyzxyz", "failed", "130472");
        assertThat(failed.errorMessage()).contains("experiment");
        DeliveryStatus window = status("bindambc-java/reEngagementMessageError.json");
        assertThat(window.errorCode()).isEqualTo("131047");
    }

    @Test
    void everyRealPayloadParsesAndTheBrokenOneIsMalformed() throws Exception {
        for (Path file : WebhookFixtures.files("meta-cloud-api", ".json")) {
            assertThat(parse(Files.readAllBytes(file))).as(file.toString()).isNotEmpty();
        }
        for (Path file : WebhookFixtures.files("meta-cloud-api/bindambc-java", ".json")) {
            byte[] body = Files.readAllBytes(file);
            if (file.endsWith("textMessageStatusRead.json")) {
                assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedWebhookException.class);
            } else {
                assertThat(parse(body)).as(file.toString()).isNotEmpty();
            }
        }
        assertThatThrownBy(() -> parse("{\"object\":\"page\"}".getBytes()))
                .isInstanceOf(MalformedWebhookException.class);
        assertThatThrownBy(() -> parse("not json".getBytes())).isInstanceOf(MalformedWebhookException.class);
    }

    private CustomerMessage message(String file) {
        return (CustomerMessage)
                parse(WebhookFixtures.bytes("meta-cloud-api/" + file)).getFirst();
    }

    private DeliveryStatus status(String file) {
        return (DeliveryStatus)
                parse(WebhookFixtures.bytes("meta-cloud-api/" + file)).getFirst();
    }

    private List<InboundEvent> parse(byte[] body) {
        return meta.parse(WebhookFixtures.connection(Provider.META, Map.of()), request(body, Map.of(), List.of()));
    }
}
