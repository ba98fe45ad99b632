package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The persisted queue of ingestion work. A job is claimed by exactly one instance ({@code FOR UPDATE SKIP LOCKED});
 * a claim is a lease, so a job whose instance died is picked up again when the lease runs out.
 */
@Repository
public class IngestionJobs {

    /** A claimed job; {@code claim} identifies this claim, so a lease that ran out and was re-claimed is noticed. */
    public record Claimed(UUID jobId, TenantId tenant, DocumentId document, int attempt, String claim) {}

    private final JdbcClient jdbc;

    IngestionJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void enqueue(TenantId tenant, DocumentId document, Instant now) {
        jdbc.sql("""
                        insert into ingestion_job (id, tenant_id, document_id, status, created_at, updated_at)
                        values (:id, :tenant, :document, 'QUEUED', :now, :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant.value())
                .param("document", document.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        String claim = worker + "#" + UUID.randomUUID();
        Optional<Claimed> next = jdbc.sql("""
                        select id, tenant_id, document_id, attempts from ingestion_job
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
                        new DocumentId(rs.getObject("document_id", UUID.class)),
                        rs.getInt("attempts") + 1,
                        claim))
                .optional();
        next.ifPresent(job -> jdbc.sql("""
                        update ingestion_job set status = 'RUNNING', attempts = :attempt, locked_by = :worker,
                            locked_until = :until, updated_at = :now
                        where id = :id
                        """)
                .param("attempt", job.attempt())
                .param("worker", claim)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("id", job.jobId())
                .update());
        return next;
    }

    /** Extends the leases of every job this instance holds; run as a heartbeat while the instance lives. */
    public int renewAll(String worker, Instant now, Duration lease) {
        return jdbc.sql("""
                        update ingestion_job set locked_until = :until
                        where status = 'RUNNING' and locked_by like :prefix
                        """)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("prefix", worker + "#%")
                .update();
    }

    /** Whether this claim still holds the job (its lease did not run out and pass to another claim). */
    public boolean holds(Claimed job) {
        return jdbc.sql("select count(*) from ingestion_job where id = :id and locked_by = :claim")
                        .param("id", job.jobId())
                        .param("claim", job.claim())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public boolean complete(Claimed job, Instant now) {
        return finish(job, "DONE", null, now);
    }

    public boolean fail(Claimed job, String error, Instant now) {
        return finish(job, "FAILED", error, now);
    }

    /** Puts a job back for another attempt after a failure that may pass. */
    public boolean retry(Claimed job, String error, Instant now) {
        return finish(job, "QUEUED", error, now);
    }

    /** Ends a claim; false when the claim had already lost the job, in which case nothing changes. */
    private boolean finish(Claimed job, String status, String error, Instant now) {
        return jdbc.sql("""
                                update ingestion_job set status = :status, last_error = :error, locked_by = null,
                                    locked_until = null, updated_at = :now
                                where id = :id and locked_by = :claim
                                """)
                        .param("status", status)
                        .param("error", error == null ? null : error.substring(0, Math.min(2000, error.length())))
                        .param("now", Timestamp.from(now))
                        .param("id", job.jobId())
                        .param("claim", job.claim())
                        .update()
                > 0;
    }
}
