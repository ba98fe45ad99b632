package dev.grounded.channel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** A channel connection; it is also the last segment of the connection's webhook URL. */
public record ConnectionId(UUID value) {

    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID());
    }

    /** Parses an id from a URL; anything but a UUID names no connection. */
    public static ConnectionId parse(String text) {
        try {
            return new ConnectionId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown connection: " + text);
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
