package dev.grounded.channel.whatsapp;

/**
 * A provider did not take a message.
 *
 * @see #retryable() 429, 5xx and network errors are worth retrying; any other 4xx will fail the same way again
 */
public class SendException extends RuntimeException {

    private final boolean retryable;
    private final String code;

    public SendException(String message, String code, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The provider's error code (or the HTTP status), for the agent UI and the dead-letter list. */
    public String code() {
        return code;
    }
}
