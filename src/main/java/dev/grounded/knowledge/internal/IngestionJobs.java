package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.queue.Lease;
import dev.grounded.queue.LeasedQueue;
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
 * The persisted queue of ingestion work. A job is claimed by exactly one instance under a lease, so a job whose
 * instance died is picked up again when the lease runs out.
 */
@Repository
public class IngestionJobs {

    enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /** A claimed job; its lease names this claim, so a lease that ran out and was re-claimed is noticed. */
    public record Claimed(TenantId tenant, DocumentId document, Lease lease) {

        public UUID jobId() {
            return lease.id();
        }

        public int attempt() {
            return lease.attempt();
        }
    }

    private final JdbcClient jdbc;
    private final LeasedQueue<Status, Claimed> queue;

    IngestionJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = LeasedQueue.table("ingestion_job", Status.QUEUED, Status.RUNNING)
                .updatedAt("updated_at")
                .rows(
                        jdbc,
                        "id, tenant_id, document_id",
                        (rs, lease) -> new Claimed(
                                TenantId.of(rs.getString("tenant_id")),
                                new DocumentId(rs.getObject("document_id", UUID.class)),
                                lease),
                        Claimed::lease);
    }

    LeasedQueue<Status, Claimed> queue() {
        return queue;
    }

    public void enqueue(TenantId tenant, DocumentId document, Instant now) {
        jdbc.sql("""
                        insert into ingestion_job (id, tenant_id, document_id, status, next_attempt_at, created_at,
                            updated_at)
                        values (:id, :tenant, :document, 'QUEUED', :now, :now, :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant.value())
                .param("document", document.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        return queue.claim(worker, now, lease);
    }

    /** Whether this claim still holds the job (its lease did not run out and pass to another claim). */
    public boolean holds(Claimed job) {
        return queue.holds(job);
    }

    public boolean complete(Claimed job, Instant now) {
        return queue.finish(job, Status.DONE, null, now);
    }

    public boolean fail(Claimed job, String error, Instant now) {
        return queue.finish(job, Status.FAILED, error, now);
    }

    /** Puts a job back for another attempt after a failure that may pass. */
    public boolean retry(Claimed job, String error, Instant now) {
        return queue.retry(job, error, now, now);
    }
}
