package dev.grounded.reply.internal;

import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyGiven;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every reply as a Micrometer timer {@code grounded.replies}, tagged with tenant, outcome, provider, degraded and
 * handoff reason: answer, quick-reply, handoff and degraded rates and latency percentiles for any metrics backend.
 */
@Component
class ReplyMetrics {

    private final MeterRegistry registry;

    ReplyMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    @EventListener
    void on(ReplyGiven given) {
        Reply reply = given.reply();
        Timer.builder("grounded.replies")
                .description("Replies to customer messages, by outcome and provider")
                .tag("tenant", given.tenant().value())
                .tag("outcome", reply.outcome().code())
                .tag("provider", reply.provider())
                .tag("degraded", Boolean.toString(reply.degraded()))
                .tag(
                        "handoff",
                        reply.handoff().required() ? reply.handoff().reason().code() : "none")
                .publishPercentiles(0.5, 0.95)
                .register(registry)
                .record(Duration.ofMillis(reply.latencyMs()));
    }
}
