package dev.grounded.reply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.ConversationId;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.PostgresInstances;
import dev.grounded.testing.PostgresInstances.Claim;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several app instances share one database: every parked question must be claimed by exactly one of them, so a
 * customer gets one answer, not one per instance. Each "instance" has its own connection pool, as processes would.
 */
class ParkedQuestionsIT {

    private static final int QUESTIONS = 40;
    private static final int INSTANCES = 4;
    private static final TenantId ACME = TenantId.of("acme");

    private PostgresInstances instances;

    @AfterEach
    void close() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void everyParkedQuestionIsClaimedByExactlyOneInstance() throws Exception {
        instances = PostgresInstances.withTenant("acme");
        JdbcClient jdbc = instances.jdbc();
        Instant now = Instant.now();
        ParkedQuestions queue = new ParkedQuestions(jdbc);
        for (int i = 0; i < QUESTIONS; i++) {
            park(jdbc, queue, now.minusSeconds(1));
        }

        List<Claim> claims = instances.claimConcurrently(INSTANCES, instance -> {
            ParkedQuestions questions = new ParkedQuestions(JdbcClient.create(instance.pool()));
            TransactionTemplate tx = PostgresInstances.transactions(instance.pool());
            return () -> tx.execute(s -> questions.claim(instance.name(), Instant.now(), Duration.ofMinutes(2)))
                    .map(claimed -> {
                        questions.answered(claimed, Instant.now());
                        return claimed.id();
                    });
        });

        assertThat(claims).extracting(Claim::id).hasSize(QUESTIONS).doesNotHaveDuplicates();
        assertThat(claims.stream().map(Claim::instance).distinct())
                .as("work spread over the instances")
                .hasSizeGreaterThan(1);
        assertThat(Set.copyOf(jdbc.sql("select status from parked_question")
                        .query(String.class)
                        .list()))
                .containsExactly("ANSWERED");
    }

    @Test
    void aQuestionIsNotTriedBeforeItsTimeAndAnExpiredLeaseFreesIt() {
        instances = PostgresInstances.withTenant("acme");
        JdbcClient jdbc = instances.jdbc();
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        ParkedQuestions questions = new ParkedQuestions(jdbc);
        TransactionTemplate tx = PostgresInstances.transactions(instances.pool());
        park(jdbc, questions, now.plusSeconds(30));

        var early = tx.execute(s -> questions.claim("a", now, Duration.ofMinutes(2)));
        var due = tx.execute(s -> questions.claim("a", now.plusSeconds(31), Duration.ofMinutes(2)));
        var whileLeased = tx.execute(s -> questions.claim("b", now.plusSeconds(60), Duration.ofMinutes(2)));
        var afterLease = tx.execute(s -> questions.claim("b", now.plusSeconds(200), Duration.ofMinutes(2)));

        assertThat(early).isEmpty();
        assertThat(due).isPresent();
        assertThat(whileLeased).isEmpty();
        assertThat(afterLease).isPresent();
        assertThat(afterLease.get().attempt()).isEqualTo(2);
        assertThat(questions.answered(due.get(), now.plusSeconds(201)))
                .as("the first claim lost the question when its lease ran out")
                .isFalse();
        assertThat(questions.retryAt(afterLease.get(), "still down", now.plusSeconds(201), now.plusSeconds(400)))
                .isTrue();
        Optional<ParkedQuestions.Claimed> beforeRetry =
                tx.execute(s -> questions.claim("c", now.plusSeconds(300), Duration.ofMinutes(2)));
        Optional<ParkedQuestions.Claimed> atRetry =
                tx.execute(s -> questions.claim("c", now.plusSeconds(401), Duration.ofMinutes(2)));
        assertThat(beforeRetry).isEmpty();
        assertThat(atRetry).isPresent();
    }

    private static void park(JdbcClient jdbc, ParkedQuestions questions, Instant retryAt) {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        Timestamp at = Timestamp.from(retryAt.minusSeconds(60));
        jdbc.sql("insert into conversation (id, tenant_id, state, started_at, last_activity_at)"
                        + " values (:id, 'acme', 'NEEDS_HUMAN', :at, :at)")
                .param("id", conversation)
                .param("at", at)
                .update();
        jdbc.sql("insert into conversation_message (id, conversation_id, tenant_id, role, text, created_at)"
                        + " values (:id, :conversation, 'acme', 'CUSTOMER', 'when is my appointment?', :at)")
                .param("id", message)
                .param("conversation", conversation)
                .param("at", at)
                .update();
        questions.park(
                ACME,
                new ConversationId(conversation),
                message,
                "when is my appointment?",
                retryAt.minusSeconds(60),
                retryAt);
    }
}
