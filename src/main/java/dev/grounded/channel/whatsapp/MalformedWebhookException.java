package dev.grounded.channel.whatsapp;

/** A webhook body that is not what the provider sends: a 400, and nothing is stored. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message);
    }

    public MalformedWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
