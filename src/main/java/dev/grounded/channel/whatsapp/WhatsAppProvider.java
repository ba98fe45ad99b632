package dev.grounded.channel.whatsapp;

import dev.grounded.channel.Provider;
import java.util.List;

/** One way into WhatsApp: how its webhooks are verified and read, and how messages are sent through it. */
public interface WhatsAppProvider {

    Provider provider();

    /** Checks the webhook's signature over its raw bytes with the connection's secret, in constant time. */
    Signature verify(Connection connection, WebhookRequest request);

    /**
     * What the webhook says.
     *
     * @throws MalformedWebhookException when the body is not what this provider sends
     */
    List<InboundEvent> parse(Connection connection, WebhookRequest request);

    /**
     * Sends one message.
     *
     * @throws SendException when the provider refuses or cannot be reached, saying whether to retry
     */
    String send(Connection connection, String to, OutboundMessage message);

    /** The longest text one message may carry. */
    int maxTextLength();

    enum Signature {
        VALID,
        MISSING,
        INVALID
    }
}
