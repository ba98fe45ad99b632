package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.queue.LeasedQueueContract;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ingestion jobs keep the queue contract: each is ingested by exactly one instance, in both storage profiles. */
class IngestionJobsQueueIT extends LeasedQueueContract<IngestionJobs.Status, IngestionJobs.Claimed> {

    @Override
    protected LeasedQueue<IngestionJobs.Status, IngestionJobs.Claimed> queue(JdbcClient jdbc) {
        return new IngestionJobs(jdbc).queue();
    }

    @Override
    protected void enqueue(JdbcClient jdbc, int count, Instant at) {
        IngestionJobs jobs = new IngestionJobs(jdbc);
        for (int i = 0; i < count; i++) {
            UUID document = UUID.randomUUID();
            jdbc.sql("""
                            insert into knowledge_document (id, tenant_id, title, file_name, size_bytes, sha256,
                                status, created_at, updated_at)
                            values (:id, :tenant, 't', 'f', 1, :sha, 'QUEUED', :at, :at)
                            """)
                    .param("id", document)
                    .param("tenant", TENANT)
                    .param("sha", document.toString())
                    .param("at", Timestamp.from(at))
                    .update();
            jobs.enqueue(TenantId.of(TENANT), new DocumentId(document), at.plusMillis(i));
        }
    }

    @Override
    protected IngestionJobs.Status done() {
        return IngestionJobs.Status.DONE;
    }
}
