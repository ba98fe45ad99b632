package dev.grounded.llm.internal;

import dev.grounded.llm.ChatModels;
import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.LlmProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChatProviderConfiguration.class);

    @Bean
    ChatProviders chatProviders(LlmProperties properties) {
        Set<String> names = new LinkedHashSet<>(properties.order());
        names.addAll(properties.providers().keySet());
        List<ChatProvider> providers = new ArrayList<>();
        for (String name : names) {
            LlmProperties.Provider provider = properties.providers().get(name);
            if (provider != null && provider.configured()) {
                providers.add(new ChatProvider(
                        name,
                        provider.type(),
                        provider.model(),
                        ChatModels.of("grounded.llm.providers." + name, provider),
                        provider.timeout(),
                        ChatProvider.hint(provider.apiKey())));
            }
        }
        log.info(
                providers.isEmpty()
                        ? "No chat provider configured: answers are extractive"
                        : "Chat providers, in order: {}",
                providers.stream().map(ChatProvider::name).toList());
        return new ChatProviders(providers);
    }

    /**
     * Consecutive failures open a provider's circuit: a count-based window as long as the threshold, all of it
     * failed. After the open period one trial call decides whether it closes again.
     */
    @Bean
    CircuitBreakerRegistry chatCircuitBreakers(
            LlmProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters) {
        var config = CircuitBreakerConfig.custom()
                .slidingWindow(
                        properties.failureThreshold(), properties.failureThreshold(), SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(properties.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(Throwable.class)
                .clock(clock)
                .build();
        var registry = CircuitBreakerRegistry.of(Map.of("default", config));
        meters.ifAvailable(meterRegistry ->
                TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry));
        return registry;
    }
}
