package dev.grounded.channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.grounded.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/**
 * A tenant's WhatsApp number as the console and API show it: secrets only masked.
 *
 * @param secrets each secret's last four characters behind dots, never the secret
 * @param webhookUrl where the provider must send this connection's events (absolute when a public URL is configured)
 * @param statusCallbackUrl Twilio only: where delivery statuses arrive
 * @param sessionStatus WAHA only: the session's last known status (STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED)
 */
public record ChannelConnection(
        ConnectionId id,
        @JsonIgnore TenantId tenant,
        Provider provider,
        String name,
        Map<String, String> identifiers,
        Map<String, String> secrets,
        String webhookUrl,
        String statusCallbackUrl,
        String sessionStatus,
        Instant createdAt) {}
