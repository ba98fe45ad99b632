package dev.grounded.evaluation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.PostgresInstances;
import dev.grounded.testing.PostgresInstances.Claim;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several app instances share one database: every queued evaluation run is run by exactly one of them, and a run
 * whose instance died is taken over once its lease runs out, while the old claim can no longer write.
 */
class RunQueueIT {

    private static final int RUNS = 24;
    private static final int INSTANCES = 4;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private PostgresInstances instances;

    @AfterEach
    void close() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void everyQueuedRunIsClaimedByExactlyOneInstance() throws Exception {
        instances = PostgresInstances.withTenant("acme");
        JdbcClient jdbc = instances.jdbc();
        for (int i = 0; i < RUNS; i++) {
            queue(jdbc, Instant.now().minusSeconds(RUNS - i));
        }

        List<Claim> claims = instances.claimConcurrently(INSTANCES, instance -> {
            RunQueue queue = new RunQueue(JdbcClient.create(instance.pool()), new JsonMapper());
            TransactionTemplate tx = PostgresInstances.transactions(instance.pool());
            return () -> tx.execute(s -> queue.claim(instance.name(), Instant.now(), LEASE))
                    .map(run -> {
                        queue.failed(run, "finished by " + instance.name(), Instant.now());
                        return run.id();
                    });
        });

        assertThat(claims).extracting(Claim::id).hasSize(RUNS).doesNotHaveDuplicates();
        assertThat(claims.stream().map(Claim::instance).distinct())
                .as("work spread over the instances")
                .hasSizeGreaterThan(1);
        assertThat(Set.copyOf(jdbc.sql("select status from evaluation_run")
                        .query(String.class)
                        .list()))
                .containsExactly("FAILED");
    }

    @Test
    void anExpiredLeaseHandsTheRunToAnotherInstanceAndACancelStopsIt() {
        instances = PostgresInstances.withTenant("acme");
        JdbcClient jdbc = instances.jdbc();
        RunQueue queue = new RunQueue(jdbc, new JsonMapper());
        TransactionTemplate tx = PostgresInstances.transactions(instances.pool());
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        UUID id = queue(jdbc, now.minusSeconds(5));

        Optional<RunQueue.Claimed> first = tx.execute(s -> queue.claim("a", now, LEASE));
        assertThat(first).isPresent();
        assertThat(queue.progress(first.get(), 3, 10, now.plusSeconds(60), LEASE))
                .isTrue();
        Optional<RunQueue.Claimed> whileLeased = tx.execute(s -> queue.claim("b", now.plusSeconds(150), LEASE));
        assertThat(whileLeased).as("progress renewed the lease").isEmpty();
        Optional<RunQueue.Claimed> second = tx.execute(s -> queue.claim("b", now.plusSeconds(181), LEASE));
        assertThat(second).isPresent();
        assertThat(second.get().id()).isEqualTo(id);
        assertThat(jdbc.sql("select cases_done from evaluation_run")
                        .query(Integer.class)
                        .single())
                .as("the run starts again from its first case")
                .isZero();
        assertThat(queue.progress(first.get(), 4, 10, now.plusSeconds(182), LEASE))
                .as("the first claim lost the run")
                .isFalse();
        assertThat(queue.failed(first.get(), "late", now.plusSeconds(182))).isFalse();

        jdbc.sql("update evaluation_run set status = 'CANCELLED'").update();
        assertThat(queue.progress(second.get(), 1, 10, now.plusSeconds(190), LEASE))
                .as("a cancelled run stops its instance")
                .isFalse();
        Optional<RunQueue.Claimed> afterCancel = tx.execute(s -> queue.claim("c", now.plusSeconds(900), LEASE));
        assertThat(afterCancel).isEmpty();
    }

    private static UUID queue(JdbcClient jdbc, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into evaluation_run (id, tenant_id, dataset, dataset_version, status, cases_done,
                            cases_total, created_at)
                        values (:id, 'acme', 'smoke', 'v1', 'QUEUED', 0, 10, :at)
                        """).param("id", id).param("at", Timestamp.from(at)).update();
        return id;
    }
}
