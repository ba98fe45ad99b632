package dev.grounded.channel.whatsapp;

import java.time.Duration;

/**
 * A provider did not take a message, or we cannot tell whether it did.
 *
 * @see #retryable() 429, 5xx and network errors are worth retrying; any other 4xx will fail the same way again
 * @see #outcomeUnknown() the request may have reached the provider: it must not simply be sent again
 */
public class SendException extends RuntimeException {

    /** How long to wait before trying again, when the provider said more than "try later". */
    public enum Backoff {
        /** Exponential with jitter from the configured first delay. */
        DEFAULT,
        /** Meta 131056: too many messages to this customer; 4^n seconds, never under the pair rate's 6 s. */
        PAIR_RATE,
        /** Meta 130429, 80007, 4: the number's or app's throughput; exponential from a longer first delay. */
        THROUGHPUT
    }

    private final boolean retryable;
    private final String code;
    private final boolean outcomeUnknown;
    private final Backoff backoff;
    private final Duration retryAfter;

    public SendException(String message, String code, boolean retryable, Throwable cause) {
        this(message, code, retryable, false, Backoff.DEFAULT, null, cause);
    }

    private SendException(
            String message,
            String code,
            boolean retryable,
            boolean outcomeUnknown,
            Backoff backoff,
            Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.outcomeUnknown = outcomeUnknown;
        this.backoff = backoff;
        this.retryAfter = retryAfter;
    }

    /** A refusal worth retrying later, waiting as the provider asked. */
    public static SendException throttled(String message, String code, Backoff backoff, Duration retryAfter) {
        return new SendException(message, code, true, false, backoff, retryAfter, null);
    }

    /**
     * The request was written but no answer came (a timeout, a connection closed or reset): the provider may have
     * sent the message.
     */
    public static SendException outcomeUnknown(String message, Throwable cause) {
        return new SendException(message, "unknown", true, true, Backoff.DEFAULT, null, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** The provider's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The provider's error code (or the HTTP status), for the agent UI and the dead-letter list. */
    public String code() {
        return code;
    }
}
