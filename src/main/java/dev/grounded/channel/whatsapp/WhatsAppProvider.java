package dev.grounded.channel.whatsapp;

import dev.grounded.channel.Provider;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
     * @param reference our id for the message (the outbox's), sent where the provider echoes it back in its statuses
     * @throws SendException when the provider refuses or cannot be reached, saying whether to retry, or gave no
     *     answer after the request went out (the outcome is unknown)
     */
    String send(Connection connection, String to, OutboundMessage message, UUID reference);

    /**
     * Whether a message whose sending is in doubt reached the provider: looked up among the messages it holds for
     * the customer since {@code since}. Providers with no such lookup cannot tell (and their statuses must).
     */
    default Lookup lookup(Connection connection, String to, OutboundMessage message, Instant since) {
        return Lookup.cannotTell();
    }

    /** The longest text one message may carry. */
    int maxTextLength();

    /** What a lookup found: the message (with the provider's id for it), a definite "not here", or nothing certain. */
    record Lookup(Outcome outcome, String providerMessageId) {

        public enum Outcome {
            FOUND,
            NOT_FOUND,
            CANNOT_TELL
        }

        public static Lookup found(String providerMessageId) {
            return new Lookup(Outcome.FOUND, providerMessageId);
        }

        public static Lookup notFound() {
            return new Lookup(Outcome.NOT_FOUND, null);
        }

        public static Lookup cannotTell() {
            return new Lookup(Outcome.CANNOT_TELL, null);
        }
    }

    enum Signature {
        VALID,
        MISSING,
        INVALID
    }
}
