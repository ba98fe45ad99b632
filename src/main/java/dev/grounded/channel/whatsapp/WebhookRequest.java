package dev.grounded.channel.whatsapp;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook call as it arrived: the raw body bytes (signatures are computed over them, never over a re-serialised
 * form), the headers that matter, and the URL the provider called.
 *
 * @param urls the URLs the provider may have signed (the configured public URL and the one this server saw)
 */
public record WebhookRequest(byte[] body, Map<String, String> headers, List<String> urls) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
