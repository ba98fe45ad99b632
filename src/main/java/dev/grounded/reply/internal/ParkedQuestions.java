package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationId;
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
 * Questions no chat provider could answer, waiting for one that can. A question is claimed by exactly one instance
 * under a lease: an instance that dies mid-answer leaves it to another when the lease runs out.
 */
@Repository
public class ParkedQuestions {

    public enum Status {
        WAITING,
        CLAIMED,
        ANSWERED,
        CANCELLED,
        EXPIRED
    }

    /**
     * A claimed question; its lease names this claim, so a claim whose lease ran out cannot finish it.
     *
     * @param messageId the customer's message that asked it
     */
    public record Claimed(
            TenantId tenant,
            ConversationId conversation,
            UUID messageId,
            String question,
            Instant parkedAt,
            Lease lease) {

        public UUID id() {
            return lease.id();
        }

        public int attempt() {
            return lease.attempt();
        }
    }

    private final JdbcClient jdbc;
    private final LeasedQueue<Status, Claimed> queue;

    ParkedQuestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = LeasedQueue.table("parked_question", Status.WAITING, Status.CLAIMED)
                .orderBy("next_attempt_at")
                .updatedAt("updated_at")
                .rows(
                        jdbc,
                        "id, tenant_id, conversation_id, message_id, question, created_at",
                        (rs, lease) -> new Claimed(
                                TenantId.of(rs.getString("tenant_id")),
                                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                                rs.getObject("message_id", UUID.class),
                                rs.getString("question"),
                                rs.getTimestamp("created_at").toInstant(),
                                lease),
                        Claimed::lease);
    }

    public LeasedQueue<Status, Claimed> queue() {
        return queue;
    }

    public UUID park(
            TenantId tenant,
            ConversationId conversation,
            UUID messageId,
            String question,
            Instant now,
            Instant retryAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into parked_question (id, tenant_id, conversation_id, message_id, question, status,
                            next_attempt_at, created_at, updated_at)
                        values (:id, :tenant, :conversation, :message, :question, 'WAITING', :retryAt, :now, :now)
                        """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("conversation", conversation.value())
                .param("message", messageId)
                .param("question", question)
                .param("retryAt", Timestamp.from(retryAt))
                .param("now", Timestamp.from(now))
                .update();
        return id;
    }

    @Transactional
    public Optional<Claimed> claim(String worker, Instant now, Duration lease) {
        return queue.claim(worker, now, lease);
    }

    public boolean answered(Claimed question, Instant now) {
        return queue.finish(question, Status.ANSWERED, null, now);
    }

    /** An agent answered first, or the conversation is over: nothing left to do. */
    public boolean cancelled(Claimed question, String why, Instant now) {
        return queue.finish(question, Status.CANCELLED, why, now);
    }

    /** Waited too long; the conversation stays with the people. */
    public boolean expired(Claimed question, String why, Instant now) {
        return queue.finish(question, Status.EXPIRED, why, now);
    }

    public boolean retryAt(Claimed question, String why, Instant now, Instant next) {
        return queue.retry(question, why, now, next);
    }
}
