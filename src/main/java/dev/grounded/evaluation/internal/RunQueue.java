package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.EvalReport;
import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.evaluation.EvaluationRuns.Status;
import dev.grounded.queue.Column;
import dev.grounded.queue.Lease;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queued evaluation runs. A run is claimed by exactly one instance under a lease: a run whose instance died is claimed
 * again, from its first case, when the lease runs out. Every write after the claim names the claim, so a claim that
 * lost its lease, or a cancelled run (which loses its claim), writes nothing.
 */
@Repository
class RunQueue {

    /** A claimed run; its lease names this claim. */
    record Claimed(TenantId tenant, String dataset, Lease lease) {}

    private final JsonMapper json;
    private final LeasedQueue<Status, Claimed> queue;

    RunQueue(JdbcClient jdbc, JsonMapper json) {
        this.json = json;
        this.queue = LeasedQueue.table("evaluation_run", Status.QUEUED, Status.RUNNING)
                .finishedAt("finished_at")
                .errorColumn("error")
                .onClaim("cases_done = 0")
                .rows(
                        jdbc,
                        "id, tenant_id, dataset",
                        (rs, lease) ->
                                new Claimed(TenantId.of(rs.getString("tenant_id")), rs.getString("dataset"), lease),
                        Claimed::lease);
    }

    LeasedQueue<Status, Claimed> queue() {
        return queue;
    }

    @Transactional
    Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        return queue.claim(worker, now, lease);
    }

    /** Records progress; false when the run was cancelled or its lease lost. */
    boolean progress(Claimed run, int done, int total) {
        return queue.update(run, Column.of("cases_done", done), Column.of("cases_total", total));
    }

    boolean done(Claimed run, EvalReport report, EvaluationRuns.Context context, Instant now) {
        return queue.finish(
                run,
                Status.DONE,
                null,
                now,
                Column.of("dataset_version", report.datasetVersion()),
                Column.of("cases_done", report.results().size()),
                Column.of("cases_total", report.results().size()),
                Column.of("configuration", json.writeValueAsString(context.configuration())),
                Column.of("knowledge", json.writeValueAsString(context.knowledge())),
                Column.of("metrics", json.writeValueAsString(report.metrics())),
                Column.of("report", json.writeValueAsString(report)));
    }

    boolean failed(Claimed run, String error, Instant now) {
        return queue.finish(run, Status.FAILED, error, now);
    }
}
