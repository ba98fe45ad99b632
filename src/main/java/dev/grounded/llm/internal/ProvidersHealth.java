package dev.grounded.llm.internal;

import dev.grounded.llm.ChatFailover;
import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each configured chat provider's circuit. Degraded only when every provider's circuit is open: customers then get answers
 * quoted from the knowledge until one closes. With no provider configured that is the normal mode, and it is up.
 */
@Component("chatProvidersHealthIndicator")
class ProvidersHealth implements HealthIndicator {

    private final ChatProviders providers;
    private final ChatFailover failover;

    ProvidersHealth(ChatProviders providers, ChatFailover failover) {
        this.providers = providers;
        this.failover = failover;
    }

    /**
     * Failing, but not the installation: the root health stays up (management.endpoint.health.status.order puts this
     * after UP), while this group's own endpoint answers 503 for the operator's alert.
     */
    private static final String DEGRADED = "DEGRADED";

    @Override
    public Health health() {
        if (providers.isEmpty()) {
            return Health.up()
                    .withDetail("providers", "none configured: answers are quoted from the knowledge")
                    .build();
        }
        Map<String, Object> circuits = new LinkedHashMap<>();
        boolean anyCallable = false;
        for (ChatProvider provider : providers.ordered()) {
            CircuitBreaker.State state = failover.state(provider.name());
            anyCallable |= state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
            circuits.put(provider.name(), Map.of("model", provider.model(), "circuit", state.name()));
        }
        return (anyCallable ? Health.up() : Health.status(DEGRADED))
                .withDetail("providers", circuits)
                .build();
    }
}
