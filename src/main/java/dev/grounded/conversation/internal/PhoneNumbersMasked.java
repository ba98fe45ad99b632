package dev.grounded.conversation.internal;

import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON logs (logging.structured.format.console): every string written is cleared of what looks like a phone number,
 * 8 to 15 digits with an optional +, keeping the last four. Code masks numbers before logging them; this is the net
 * for what a library, an exception message or a provider's error text brings along.
 */
public class PhoneNumbersMasked implements StructuredLoggingJsonMembersCustomizer<Object> {

    /** Not part of a longer token: a UUID's or a date's digits stand next to a hyphen, an id's next to letters. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+.\\-])(\\+?)(\\d{4,11})(\\d{4})(?![\\w\\-])");

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, PhoneNumbersMasked::mask));
    }

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        return PHONE.matcher(text)
                .replaceAll(m -> m.group(1) + "•".repeat(m.group(2).length()) + m.group(3));
    }
}
