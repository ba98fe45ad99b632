package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationId;
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
 * ({@code FOR UPDATE SKIP LOCKED}) under a lease: an instance that dies mid-answer leaves it to another when the lease
 * runs out.
 */
@Repository
public class ParkedQuestions {

    /**
     * A claimed question; {@code claim} identifies this claim, so a claim whose lease ran out cannot finish it.
     *
     * @param messageId the customer's message that asked it
     */
    public record Claimed(
            UUID id,
            TenantId tenant,
            ConversationId conversation,
            UUID messageId,
            String question,
            int attempt,
            Instant parkedAt,
            String claim) {}

    private final JdbcClient jdbc;

    ParkedQuestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        String claim = worker + "#" + UUID.randomUUID();
        Optional<Claimed> next = jdbc.sql("""
                        select id, tenant_id, conversation_id, message_id, question, attempts, created_at
                        from parked_question
                        where status in ('WAITING', 'CLAIMED')
                          and ((status = 'WAITING' and next_attempt_at <= :now)
                               or (status = 'CLAIMED' and locked_until < :now))
                        order by next_attempt_at
                        fetch first 1 rows only
                        for update skip locked
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        TenantId.of(rs.getString("tenant_id")),
                        new ConversationId(rs.getObject("conversation_id", UUID.class)),
                        rs.getObject("message_id", UUID.class),
                        rs.getString("question"),
                        rs.getInt("attempts") + 1,
                        rs.getTimestamp("created_at").toInstant(),
                        claim))
                .optional();
        next.ifPresent(question -> jdbc.sql("""
                        update parked_question set status = 'CLAIMED', attempts = :attempt, locked_by = :claim,
                            locked_until = :until, updated_at = :now
                        where id = :id
                        """)
                .param("attempt", question.attempt())
                .param("claim", claim)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("id", question.id())
                .update());
        return next;
    }

    public boolean answered(Claimed question, Instant now) {
        return finish(question, "ANSWERED", null, now, null);
    }

    /** An agent answered first, or the conversation is over: nothing left to do. */
    public boolean cancelled(Claimed question, String why, Instant now) {
        return finish(question, "CANCELLED", why, now, null);
    }

    /** Waited too long; the conversation stays with the people. */
    public boolean expired(Claimed question, String why, Instant now) {
        return finish(question, "EXPIRED", why, now, null);
    }

    public boolean retryAt(Claimed question, String why, Instant now, Instant next) {
        return finish(question, "WAITING", why, now, next);
    }

    private boolean finish(Claimed question, String status, String why, Instant now, Instant next) {
        return jdbc.sql("""
                                update parked_question set status = :status, last_error = coalesce(cast(:why as varchar(2000)), last_error), locked_by = null,
                                    locked_until = null, updated_at = :now,
                                    next_attempt_at = coalesce(cast(:next as timestamp with time zone), next_attempt_at)
                                where id = :id and locked_by = :claim
                                """)
                        .param("status", status)
                        .param("why", why == null ? null : why.substring(0, Math.min(2000, why.length())))
                        .param("now", Timestamp.from(now))
                        .param("next", next == null ? null : Timestamp.from(next))
                        .param("id", question.id())
                        .param("claim", question.claim())
                        .update()
                > 0;
    }
}
