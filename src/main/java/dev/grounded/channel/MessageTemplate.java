package dev.grounded.channel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An approved WhatsApp template, the only kind of message allowed outside the 24-hour window.
 *
 * @param name the template's name as approved by Meta
 * @param language its language code as approved ({@code en_US}, {@code es})
 * @param parameters how many body parameters ({@code {{1}}}, {@code {{2}}}…) it takes
 * @param body its text with placeholders, for agents to see what they send
 * @param providerRef Twilio only: the Content SID ({@code HX…}) of the approved template
 */
public record MessageTemplate(String name, String language, int parameters, String body, String providerRef) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d{1,2})}}");

    /** The highest {@code {{n}}} a body uses: how many parameters it takes; 0 for none or no body. */
    public static int placeholders(String body) {
        if (body == null) {
            return 0;
        }
        Matcher placeholder = PLACEHOLDER.matcher(body);
        int highest = 0;
        while (placeholder.find()) {
            highest = Math.max(highest, Integer.parseInt(placeholder.group(1)));
        }
        return highest;
    }
}
