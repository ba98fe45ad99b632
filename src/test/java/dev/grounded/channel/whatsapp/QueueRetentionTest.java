package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.channel.WhatsAppProperties;
import dev.grounded.testing.H2TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queues' retention on the embedded profile's schema (H2, migrated by Flyway). */
class QueueRetentionTest {

    private RetentionScenario scenario;

    @BeforeEach
    void database() {
        var dataSource = H2TestDatabase.migrated();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into tenant (id, name, created_at) values ('demo', 'demo', :now)")
                .param("now", Timestamp.from(RetentionScenario.NOW))
                .update();
        scenario = new RetentionScenario(dataSource);
    }

    @Test
    void deletesOnlyHandledRowsPastTheRetention() {
        scenario.deletesOnlyHandledRowsPastTheRetention();
    }

    @Test
    void deletesContactsSilentForLongerThanTheConversationRetention() {
        scenario.deletesContactsSilentForLongerThanTheConversationRetention();
    }

    @Test
    void deletesInBatchesUntilNoneIsLeft() {
        scenario.handledLongAgo(QueueRetention.BATCH * 2 + 5);
        var meters = new SimpleMeterRegistry();

        scenario.retention(meters).purge();

        assertThat(scenario.inboxEvents()).isZero();
        assertThat(RetentionScenario.purged(meters, "inbox")).isEqualTo(QueueRetention.BATCH * 2 + 5);
    }

    @Test
    void aRetentionShorterThanMetasRedeliveriesIsRefused() {
        var properties = WebhookFixtures.properties();
        assertThatThrownBy(() -> new WhatsAppProperties(
                        properties.publicUrl(),
                        properties.graphUrl(),
                        properties.twilioUrl(),
                        properties.rateLimit(),
                        properties.rateWindow(),
                        properties.pollInterval(),
                        properties.lease(),
                        properties.workers(),
                        properties.maxAttempts(),
                        properties.retryInitial(),
                        properties.retryMax(),
                        properties.timeout(),
                        properties.reconcileInterval(),
                        properties.reconcileWait(),
                        Duration.ofDays(3),
                        properties.purgeInterval()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 7 days");
    }
}
