package dev.grounded.llm.internal;

import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.LlmProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Builds providers and circuit breakers exactly as the application does, for tests outside a Spring context. */
public final class Chains {

    private Chains() {}

    public static ChatProviders providers(LlmProperties properties) {
        return new ChatProviderConfiguration().chatProviders(properties);
    }

    public static CircuitBreakerRegistry breakers(LlmProperties properties, Clock clock) {
        return new ChatProviderConfiguration()
                .chatCircuitBreakers(
                        properties, clock, new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
    }
}
