package dev.grounded.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.channel.WhatsAppProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The queues' retention on the embedded profile's schema (H2, migrated by Flyway). */
class QueueRetentionTest {

    private RetentionScenario scenario;

    @BeforeEach
    void database() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into tenant (id, name, created_at) values ('demo', 'demo', :now)")
                .param("now", Timestamp.from(RetentionScenario.NOW))
                .update();
        scenario = new RetentionScenario(jdbc);
    }

    @Test
    void deletesOnlyHandledRowsPastTheRetention() {
        scenario.deletesOnlyHandledRowsPastTheRetention();
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
                        Duration.ofDays(3),
                        properties.purgeInterval()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 7 days");
    }
}
