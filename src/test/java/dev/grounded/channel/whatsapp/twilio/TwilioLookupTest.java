package dev.grounded.channel.whatsapp.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.Provider;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.OutboundMessage;
import dev.grounded.channel.whatsapp.WebhookFixtures;
import dev.grounded.channel.whatsapp.WhatsAppProvider.Lookup;
import dev.grounded.tenant.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether Twilio has a message whose sending is in doubt, from its message list: found by its text since the attempt,
 * the numbers sent with their "+" encoded; a text not there is not sent; a template not there cannot be told.
 */
class TwilioLookupTest {

    private final WireMockServer api = new WireMockServer(options().dynamicPort());
    private final Connection connection = new Connection(
            ConnectionId.random(),
            TenantId.of("demo"),
            Provider.TWILIO,
            "test",
            Map.of("accountSid", "AC123", "sender", "+14155238886"),
            Map.of("authToken", "token"),
            null,
            Instant.now());
    private TwilioProvider twilio;

    @BeforeEach
    void start() {
        api.start();
        var properties = WebhookFixtures.properties(api.baseUrl());
        twilio = new TwilioProvider(WebhookFixtures.http(properties), properties, WebhookFixtures.JSON);
        api.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/AC123/Messages.json"))
                .withQueryParam("To", equalTo("whatsapp:+34600111222"))
                .withQueryParam("From", equalTo("whatsapp:+14155238886"))
                .willReturn(okJson(WebhookFixtures.JSON.writeValueAsString(Map.of(
                        "messages",
                        List.of(Map.of(
                                "sid",
                                "SMfound",
                                "body",
                                "We open at 9.",
                                "date_created",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                        Instant.now().atZone(ZoneOffset.UTC)))))))));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void aMessageTwilioHoldsIsFoundAndOneItDoesNotIsNot() {
        Instant since = Instant.now().minusSeconds(20);

        assertThat(twilio.lookup(connection, "34600111222", new OutboundMessage.Text("We open at 9."), since))
                .isEqualTo(Lookup.found("SMfound"));
        assertThat(twilio.lookup(connection, "34600111222", new OutboundMessage.Text("We close at 6."), since))
                .isEqualTo(Lookup.notFound());
        assertThat(twilio.lookup(
                        connection,
                        "34600111222",
                        new OutboundMessage.Template("reminder", "en", List.of("Ana"), "Hi {{1}}", "HX123"),
                        since))
                .as("Twilio renders a template's content itself: its text may differ from ours")
                .isEqualTo(Lookup.cannotTell());
    }
}
