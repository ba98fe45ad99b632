package dev.grounded.channel;

/**
 * An approved WhatsApp template, the only kind of message allowed outside the 24-hour window.
 *
 * @param name the template's name as approved by Meta
 * @param language its language code as approved ({@code en_US}, {@code es})
 * @param parameters how many body parameters ({@code {{1}}}, {@code {{2}}}…) it takes
 * @param body its text with placeholders, for agents to see what they send
 * @param providerRef Twilio only: the Content SID ({@code HX…}) of the approved template
 */
public record MessageTemplate(String name, String language, int parameters, String body, String providerRef) {}
