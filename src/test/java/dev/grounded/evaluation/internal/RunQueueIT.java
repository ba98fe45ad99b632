package dev.grounded.evaluation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.evaluation.EvaluationRuns.Status;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.queue.LeasedQueueContract;
import dev.grounded.testing.SharedDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluation runs keep the queue contract: each queued run is run by exactly one instance, in both storage profiles;
 * a run taken over starts again from its first case, and a cancelled run stops the instance running it.
 */
class RunQueueIT extends LeasedQueueContract<Status, RunQueue.Claimed> {

    @Override
    protected LeasedQueue<Status, RunQueue.Claimed> queue(JdbcClient jdbc) {
        return new RunQueue(jdbc, new JsonMapper()).queue();
    }

    @Override
    protected void enqueue(JdbcClient jdbc, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            insert into evaluation_run (id, tenant_id, dataset, dataset_version, status, cases_done,
                                cases_total, next_attempt_at, created_at)
                            values (:id, :tenant, 'smoke', 'v1', 'QUEUED', 0, 10, :at, :at)
                            """)
                    .param("id", UUID.randomUUID())
                    .param("tenant", TENANT)
                    .param("at", Timestamp.from(at.plusMillis(i)))
                    .update();
        }
    }

    @Override
    protected Status done() {
        return Status.DONE;
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void aRunTakenOverStartsAgainAndACancelledRunStopsItsInstance(SharedDatabase.Kind kind) throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            enqueue(database.jdbc(), 1, T0);
            RunQueue runs = new RunQueue(database.jdbc(), new JsonMapper());

            RunQueue.Claimed first =
                    claim(database, runs.queue(), "a", T0.plusSeconds(1)).orElseThrow();
            assertThat(runs.progress(first, 3, 10)).isTrue();
            RunQueue.Claimed second = claim(
                            database, runs.queue(), "b", T0.plusSeconds(2).plus(LEASE))
                    .orElseThrow();
            assertThat(database.jdbc()
                            .sql("select cases_done from evaluation_run")
                            .query(Integer.class)
                            .single())
                    .as("the run starts again from its first case")
                    .isZero();
            assertThat(runs.progress(first, 4, 10))
                    .as("the first claim lost the run")
                    .isFalse();

            database.jdbc()
                    .sql("update evaluation_run set status = 'CANCELLED'")
                    .update();
            assertThat(runs.progress(second, 1, 10))
                    .as("a cancelled run stops its instance")
                    .isFalse();
            assertThat(runs.failed(second, "late", T0.plusSeconds(300))).isFalse();
            assertThat(claim(database, runs.queue(), "c", T0.plusSeconds(900))).isEmpty();
        }
    }
}
