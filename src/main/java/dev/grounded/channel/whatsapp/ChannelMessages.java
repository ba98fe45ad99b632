package dev.grounded.channel.whatsapp;

import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/** What the channel itself says to customers, in their language (English when there is no translation). */
@Component
public class ChannelMessages {

    private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();

    ChannelMessages() {
        source.setBasename("channel/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
    }

    public String get(String key, String language) {
        return source.getMessage(key, null, Locale.forLanguageTag(language == null ? "en" : language));
    }
}
