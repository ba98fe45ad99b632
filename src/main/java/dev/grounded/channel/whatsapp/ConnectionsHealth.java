package dev.grounded.channel.whatsapp;

import dev.grounded.channel.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each WhatsApp connection's last outcome: its newest outbound message (a dead one means customers are not reached),
 * when it last received, and a WAHA session's status. Degraded when any connection is failing, so the operator's alert
 * fires; not part of readiness, since one tenant's broken number must not take the installation out.
 */
@Component("whatsappConnectionsHealthIndicator")
class ConnectionsHealth implements HealthIndicator {

    private final ConnectionStore connections;

    ConnectionsHealth(ConnectionStore connections) {
        this.connections = connections;
    }

    /**
     * Failing, but not the installation: the root health stays up (management.endpoint.health.status.order puts this
     * after UP), while this group's own endpoint answers 503 for the operator's alert.
     */
    private static final String DEGRADED = "DEGRADED";

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean failing = false;
        for (var outcome : connections.lastOutcomes()) {
            boolean dead = Outbox.Status.DEAD.name().equals(outcome.lastSend());
            boolean unlinked = outcome.provider() == Provider.WAHA
                    && outcome.sessionStatus() != null
                    && !"WORKING".equals(outcome.sessionStatus())
                    && !"STARTING".equals(outcome.sessionStatus());
            failing |= dead || unlinked;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("provider", outcome.provider().name());
            detail.put("status", dead || unlinked ? "FAILING" : "OK");
            if (outcome.sessionStatus() != null) {
                detail.put("session", outcome.sessionStatus());
            }
            if (outcome.lastSend() != null) {
                detail.put("lastSend", outcome.lastSend());
                detail.put("lastSendAt", outcome.lastSendAt().toString());
            }
            if (outcome.lastSendError() != null) {
                detail.put("lastSendError", outcome.lastSendError());
            }
            if (outcome.lastReceivedAt() != null) {
                detail.put("lastReceivedAt", outcome.lastReceivedAt().toString());
            }
            details.put(outcome.tenant().value() + "/" + outcome.name(), detail);
        }
        return (failing ? Health.status(DEGRADED) : Health.up())
                .withDetail("connections", details)
                .build();
    }
}
