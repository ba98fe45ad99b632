package dev.grounded.retrieval.internal;

import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of what every answer needs: the search index answers a query, and the embedding model turns a sentence into
 * a vector of the index's dimensions. Both are part of readiness.
 */
@Configuration(proxyBeanMethods = false)
class RetrievalHealth {

    /** A tenant no one can create (ids are slugs the operator picks); counting its chunks touches the whole index. */
    private static final TenantId PROBE = TenantId.of("health-probe");

    /** A remote embedding model is paid per call: a good answer is trusted this long. */
    private static final Duration EMBEDDING_CHECK_INTERVAL = Duration.ofMinutes(1);

    @Bean
    HealthIndicator knowledgeIndexHealthIndicator(KnowledgeIndex index) {
        return () -> {
            long start = System.nanoTime();
            index.count(PROBE);
            index.keywordSearch(PROBE, "health", 1);
            return Health.up()
                    .withDetail("implementation", index.getClass().getSimpleName())
                    .withDetail(
                            "ms", Duration.ofNanos(System.nanoTime() - start).toMillis())
                    .build();
        };
    }

    @Bean
    HealthIndicator embeddingModelHealthIndicator(EmbeddingModel model, ChunkEmbedder embedder, Clock clock) {
        var lastGood = new AtomicReference<Instant>();
        return () -> {
            var info = embedder.model();
            Instant last = lastGood.get();
            if (last == null || last.plus(EMBEDDING_CHECK_INTERVAL).isBefore(clock.instant())) {
                List<float[]> vectors = model.embed(List.of("health check"));
                if (vectors.size() != 1 || vectors.getFirst().length != info.dimensions()) {
                    return Health.down()
                            .withDetail("model", info.name())
                            .withDetail("reason", "the model returned a vector of other dimensions than the index's")
                            .build();
                }
                last = clock.instant();
                lastGood.set(last);
            }
            return Health.up()
                    .withDetail("model", info.name())
                    .withDetail("dimensions", info.dimensions())
                    .withDetail("checkedAt", last.toString())
                    .build();
        };
    }
}
