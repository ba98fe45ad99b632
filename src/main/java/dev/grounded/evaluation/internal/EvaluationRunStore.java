package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.EvalReport;
import dev.grounded.evaluation.EvaluationRuns.Context;
import dev.grounded.evaluation.EvaluationRuns.RunSummary;
import dev.grounded.evaluation.EvaluationRuns.Status;
import dev.grounded.evaluation.EvaluationRuns.StoredRun;
import dev.grounded.knowledge.KnowledgeFingerprint;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored evaluation runs (evaluation_run) as the console and the API read them; {@link RunQueue} claims and runs
 * the queued ones. Every statement names the tenant.
 */
@Repository
public class EvaluationRunStore {

    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<KnowledgeFingerprint>> KNOWLEDGE = new TypeReference<>() {};
    private static final TypeReference<EvalReport> REPORT = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EvaluationRunStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A run made outside the queue (the command line), stored done with its report. */
    public void insertDone(UUID id, TenantId tenant, EvalReport report, Context context, Instant now) {
        jdbc.sql("""
                        insert into evaluation_run (id, tenant_id, dataset, dataset_version, configuration, knowledge,
                            metrics, report, status, cases_done, cases_total, next_attempt_at, created_at, finished_at)
                        values (:id, :tenant, :dataset, :version, :configuration, :knowledge, :metrics, :report,
                            :status, :cases, :cases, :now, :now, :now)
                        """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("dataset", report.dataset())
                .param("version", report.datasetVersion())
                .param("configuration", json.writeValueAsString(context.configuration()))
                .param("knowledge", json.writeValueAsString(context.knowledge()))
                .param("metrics", json.writeValueAsString(report.metrics()))
                .param("report", json.writeValueAsString(report))
                .param("status", Status.DONE.name())
                .param("cases", report.results().size())
                .param("now", Timestamp.from(now))
                .update();
    }

    public void insertQueued(RunSummary run, TenantId tenant) {
        jdbc.sql("""
                        insert into evaluation_run (id, tenant_id, dataset, dataset_version, status, cases_done,
                            cases_total, next_attempt_at, created_at)
                        values (:id, :tenant, :dataset, :version, :status, 0, :total, :now, :now)
                        """)
                .param("id", run.id())
                .param("tenant", tenant.value())
                .param("dataset", run.dataset())
                .param("version", run.datasetVersion())
                .param("status", Status.QUEUED.name())
                .param("total", run.casesTotal())
                .param("now", Timestamp.from(run.createdAt()))
                .update();
    }

    /** False when the run was not queued or running any more. */
    public boolean cancel(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                        update evaluation_run set status = :cancelled, finished_at = :now, locked_by = null,
                            locked_until = null
                        where tenant_id = :tenant and id = :id and status in (:queued, :running)
                        """)
                        .param("cancelled", Status.CANCELLED.name())
                        .param("queued", Status.QUEUED.name())
                        .param("running", Status.RUNNING.name())
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    public List<RunSummary> newestFirst(TenantId tenant) {
        return jdbc.sql("""
                        select id, dataset, dataset_version, status, cases_done, cases_total, error, created_at,
                            finished_at, metrics
                        from evaluation_run
                        where tenant_id = :tenant
                        order by created_at desc
                        """)
                .param("tenant", tenant.value())
                .query((rs, n) -> summary(rs))
                .list();
    }

    public Optional<RunSummary> summary(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        select id, dataset, dataset_version, status, cases_done, cases_total, error, created_at,
                            finished_at, metrics
                        from evaluation_run
                        where tenant_id = :tenant and id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .query((rs, n) -> summary(rs))
                .optional();
    }

    public Optional<StoredRun> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        select id, dataset, dataset_version, status, cases_done, cases_total, error, created_at,
                            finished_at, metrics, configuration, knowledge, report
                        from evaluation_run
                        where tenant_id = :tenant and id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .query((rs, n) -> new StoredRun(
                        summary(rs),
                        read(rs.getString("configuration"), OBJECT),
                        read(rs.getString("knowledge"), KNOWLEDGE),
                        read(rs.getString("report"), REPORT)))
                .optional();
    }

    private RunSummary summary(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RunSummary(
                rs.getObject("id", UUID.class),
                rs.getString("dataset"),
                rs.getString("dataset_version"),
                Status.valueOf(rs.getString("status")),
                rs.getInt("cases_done"),
                rs.getInt("cases_total"),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                read(rs.getString("metrics"), METRICS));
    }

    private <T> T read(String value, TypeReference<T> type) {
        return value == null ? null : json.readValue(value, type);
    }
}
