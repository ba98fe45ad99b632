package dev.grounded.reply.internal;

import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/** The bot's fixed sentences, in the customer's language (English when there is no translation). */
@Component
public class ReplyMessages {

    private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();

    ReplyMessages() {
        source.setBasename("reply/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
    }

    /** A sentence with its {@code {0}} filled in (not MessageFormat, whose quoting would eat the apostrophes). */
    public String get(String key, String language, String argument) {
        return get(key, language).replace("{0}", argument);
    }

    public String get(String key, String language) {
        return source.getMessage(key, null, Locale.forLanguageTag(language));
    }
}
