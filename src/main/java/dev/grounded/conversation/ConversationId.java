package dev.grounded.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record ConversationId(UUID value) {

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    /** Parses an id a client sent back; anything but a UUID is a client error. */
    public static ConversationId parse(String text) {
        try {
            return new ConversationId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown conversation: " + text);
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
