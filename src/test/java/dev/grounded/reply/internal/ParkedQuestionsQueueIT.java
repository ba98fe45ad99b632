package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationId;
import dev.grounded.queue.LeasedQueue;
import dev.grounded.queue.LeasedQueueContract;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parked questions keep the queue contract: each is answered by exactly one instance once a provider is back, in both
 * storage profiles.
 */
class ParkedQuestionsQueueIT extends LeasedQueueContract<ParkedQuestions.Status, ParkedQuestions.Claimed> {

    @Override
    protected LeasedQueue<ParkedQuestions.Status, ParkedQuestions.Claimed> queue(JdbcClient jdbc) {
        return new ParkedQuestions(jdbc).queue();
    }

    @Override
    protected void enqueue(JdbcClient jdbc, int count, Instant at) {
        ParkedQuestions questions = new ParkedQuestions(jdbc);
        for (int i = 0; i < count; i++) {
            UUID conversation = UUID.randomUUID();
            UUID message = UUID.randomUUID();
            Timestamp asked = Timestamp.from(at.minusSeconds(60));
            jdbc.sql("""
                            insert into conversation (id, tenant_id, state, started_at, last_activity_at)
                            values (:id, :tenant, 'NEEDS_HUMAN', :at, :at)
                            """)
                    .param("id", conversation)
                    .param("tenant", TENANT)
                    .param("at", asked)
                    .update();
            jdbc.sql("""
                            insert into conversation_message (id, conversation_id, tenant_id, role, text, created_at)
                            values (:id, :conversation, :tenant, 'CUSTOMER', 'when is my appointment?', :at)
                            """)
                    .param("id", message)
                    .param("conversation", conversation)
                    .param("tenant", TENANT)
                    .param("at", asked)
                    .update();
            questions.park(
                    TenantId.of(TENANT),
                    new ConversationId(conversation),
                    message,
                    "when is my appointment?",
                    at.minusSeconds(60),
                    at.plusMillis(i));
        }
    }

    @Override
    protected ParkedQuestions.Status done() {
        return ParkedQuestions.Status.ANSWERED;
    }
}
