package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.EvalReport;
import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queued evaluation runs. A run is claimed by exactly one instance ({@code FOR UPDATE SKIP LOCKED}) under a lease that
 * each finished case renews: a run whose instance died is claimed again, from its first case, when the lease runs out.
 * Every write after the claim names the claim, so a claim that lost its lease, or a cancelled run, writes nothing.
 */
@Repository
class RunQueue {

    /** A claimed run; {@code claim} identifies this claim. */
    record Claimed(UUID id, TenantId tenant, String dataset, String claim) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RunQueue(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        String claim = worker + "#" + UUID.randomUUID();
        Optional<Claimed> next = jdbc.sql("""
                        select id, tenant_id, dataset from evaluation_run
                        where status in ('QUEUED', 'RUNNING')
                          and (status = 'QUEUED' or (status = 'RUNNING' and locked_until < :now))
                        order by created_at
                        fetch first 1 rows only
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        TenantId.of(rs.getString("tenant_id")),
                        rs.getString("dataset"),
                        claim))
                .optional();
        next.ifPresent(run -> jdbc.sql("""
                        update evaluation_run set status = 'RUNNING', cases_done = 0, locked_by = :claim,
                            locked_until = :until
                        where id = :id
                        """)
                .param("claim", claim)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("id", run.id())
                .update());
        return next;
    }

    /** Records progress and renews the lease; false when the run was cancelled or its lease lost. */
    boolean progress(Claimed run, int done, int total, Instant now, Duration lease) {
        return jdbc.sql("""
                                update evaluation_run set cases_done = :done, cases_total = :total, locked_until = :until
                                where id = :id and locked_by = :claim and status = 'RUNNING'
                                """)
                        .param("done", done)
                        .param("total", total)
                        .param("until", Timestamp.from(now.plus(lease)))
                        .param("id", run.id())
                        .param("claim", run.claim())
                        .update()
                > 0;
    }

    boolean done(Claimed run, EvalReport report, EvaluationRuns.Context context, Instant now) {
        return jdbc.sql("""
                                update evaluation_run set status = 'DONE', dataset_version = :version,
                                    cases_done = :cases, cases_total = :cases, configuration = :configuration,
                                    knowledge = :knowledge, metrics = :metrics, report = :report,
                                    finished_at = :now, locked_by = null, locked_until = null
                                where id = :id and locked_by = :claim and status = 'RUNNING'
                                """)
                        .param("version", report.datasetVersion())
                        .param("cases", report.results().size())
                        .param("configuration", json.writeValueAsString(context.configuration()))
                        .param("knowledge", json.writeValueAsString(context.knowledge()))
                        .param("metrics", json.writeValueAsString(report.metrics()))
                        .param("report", json.writeValueAsString(report))
                        .param("now", Timestamp.from(now))
                        .param("id", run.id())
                        .param("claim", run.claim())
                        .update()
                > 0;
    }

    boolean failed(Claimed run, String error, Instant now) {
        return jdbc.sql("""
                                update evaluation_run set status = 'FAILED', error = :error, finished_at = :now,
                                    locked_by = null, locked_until = null
                                where id = :id and locked_by = :claim and status = 'RUNNING'
                                """)
                        .param("error", error.substring(0, Math.min(2000, error.length())))
                        .param("now", Timestamp.from(now))
                        .param("id", run.id())
                        .param("claim", run.claim())
                        .update()
                > 0;
    }
}
