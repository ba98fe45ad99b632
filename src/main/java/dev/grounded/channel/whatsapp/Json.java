package dev.grounded.channel.whatsapp;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Reading optional fields of providers' JSON without a null check at every step. */
public final class Json {

    private Json() {}

    /** The field's text, or null when it is missing, null or empty. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        return text.isEmpty() ? null : text;
    }

    /** Seconds since the epoch (Meta's strings, WAHA's numbers), or milliseconds when that large; null if absent. */
    public static Instant epoch(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
