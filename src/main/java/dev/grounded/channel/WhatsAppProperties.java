package dev.grounded.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the URL customers' providers reach this server at (behind a proxy, the proxy's): webhook URLs are
 *     shown with it and Twilio signatures are checked against it
 * @param graphUrl Meta's Graph API with its version
 * @param twilioUrl Twilio's REST API
 * @param rateLimit messages per contact per {@code rateWindow} that get a reply; the rest are recorded only
 * @param pollInterval how often the inbox and outbox look for work another instance left (new work wakes them at once)
 * @param lease how long a claimed event or message is its instance's before another may take it over
 * @param workers events (and, separately, sends) processed at once per instance
 * @param maxAttempts sends (and event processing attempts) before a message is dead-lettered
 * @param retryInitial the first retry's delay; later ones grow exponentially with jitter up to {@code retryMax}
 * @param timeout a provider API call's timeout
 * @param reconcileInterval how often a message whose sending is in doubt is checked with the provider
 * @param reconcileWait how long a message in doubt waits for the provider to tell (a status, a lookup) before it is
 *     sent again: past it, a message the provider did take but never told us about is sent twice
 * @param retention how long handled inbox events and sent or dead outbox messages are kept (at least 7 days: an
 *     inbox event is also what recognises a redelivered webhook, and Meta redelivers for up to 7 days)
 * @param purgeInterval how often each instance deletes what is older than {@code retention}
 */
@ConfigurationProperties("grounded.whatsapp")
public record WhatsAppProperties(
        @DefaultValue("") String publicUrl,
        @DefaultValue("https://graph.facebook.com/v23.0") String graphUrl,
        @DefaultValue("https://api.twilio.com") String twilioUrl,
        @DefaultValue("10") int rateLimit,
        @DefaultValue("1m") Duration rateWindow,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("8") int workers,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration retryInitial,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("10s") Duration reconcileInterval,
        @DefaultValue("2m") Duration reconcileWait,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    private static final Duration SHORTEST_RETENTION = Duration.ofDays(7);

    public WhatsAppProperties {
        if (retention.compareTo(SHORTEST_RETENTION) < 0) {
            throw new IllegalArgumentException("grounded.whatsapp.retention is " + retention
                    + ": it must be at least 7 days, or a webhook Meta delivers again after that long would be"
                    + " answered twice");
        }
    }

    /** Where a connection's provider sends its events: absolute when the public URL is set, else a path. */
    public String webhookUrl(Provider provider, ConnectionId connection) {
        return publicUrl.replaceAll("/+$", "") + "/webhooks/" + provider.code() + "/" + connection;
    }
}
