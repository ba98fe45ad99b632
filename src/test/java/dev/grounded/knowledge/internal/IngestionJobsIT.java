package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.PostgresInstances;
import dev.grounded.testing.PostgresInstances.Claim;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several app instances share one database: every ingestion job must be claimed by exactly one of them. Each "instance"
 * here has its own connection pool, as separate processes would.
 */
class IngestionJobsIT {

    private static final int JOBS = 60;
    private static final int INSTANCES = 4;
    private static final TenantId ACME = TenantId.of("acme");

    private PostgresInstances instances;

    @AfterEach
    void close() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void everyJobIsClaimedByExactlyOneInstance() throws Exception {
        instances = PostgresInstances.withTenant("acme");
        JdbcClient jdbc = instances.jdbc();
        Instant now = Instant.now();
        IngestionJobs queue = new IngestionJobs(jdbc);
        for (int i = 0; i < JOBS; i++) {
            queue.enqueue(ACME, insertDocument(jdbc, now), now);
        }

        List<Claim> claims = instances.claimConcurrently(INSTANCES, instance -> {
            IngestionJobs jobs = new IngestionJobs(JdbcClient.create(instance.pool()));
            TransactionTemplate tx = PostgresInstances.transactions(instance.pool());
            return () -> tx.execute(s -> jobs.claim(instance.name(), Instant.now(), Duration.ofMinutes(5)))
                    .map(IngestionJobs.Claimed::jobId);
        });

        assertThat(claims).extracting(Claim::id).hasSize(JOBS).doesNotHaveDuplicates();
        assertThat(claims.stream().map(Claim::instance).distinct())
                .as("work spread over the instances")
                .hasSizeGreaterThan(1);
        assertThat(Set.copyOf(jdbc.sql("select status from ingestion_job")
                        .query(String.class)
                        .list()))
                .containsExactly("RUNNING");
    }

    @Test
    void aJobWhoseLeaseRanOutIsClaimedAgain() {
        instances = PostgresInstances.withTenant("acme");
        JdbcClient jdbc = instances.jdbc();
        Instant now = Instant.now();
        IngestionJobs jobs = new IngestionJobs(jdbc);
        TransactionTemplate tx = PostgresInstances.transactions(instances.pool());
        jobs.enqueue(ACME, insertDocument(jdbc, now), now);

        var first = tx.execute(s -> jobs.claim("crashed", now, Duration.ofMinutes(10)));
        var whileLeased = tx.execute(s -> jobs.claim("other", now.plusSeconds(60), Duration.ofMinutes(10)));
        var afterLease = tx.execute(s -> jobs.claim("other", now.plus(Duration.ofMinutes(11)), Duration.ofMinutes(10)));

        assertThat(first).isPresent();
        assertThat(whileLeased).isEmpty();
        assertThat(afterLease).isPresent();
        assertThat(afterLease.get().attempt()).isEqualTo(2);
    }

    private static DocumentId insertDocument(JdbcClient jdbc, Instant now) {
        UUID doc = UUID.randomUUID();
        jdbc.sql("""
                        insert into knowledge_document (id, tenant_id, title, file_name, size_bytes, sha256, status,
                            created_at, updated_at)
                        values (:id, 'acme', 't', 'f', 1, :sha, 'QUEUED', :now, :now)
                        """)
                .param("id", doc)
                .param("sha", doc.toString())
                .param("now", Timestamp.from(now))
                .update();
        return new DocumentId(doc);
    }
}
