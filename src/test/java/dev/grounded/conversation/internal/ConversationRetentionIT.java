package dev.grounded.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.conversation.ConversationProperties;
import dev.grounded.testing.H2TestDatabase;
import dev.grounded.testing.PostgresInstances;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The conversations' retention on both storage profiles' schemas: finished conversations whose last message is older
 * go with their messages; recent ones, and those waiting for or with a person, stay; unset, nothing goes.
 */
class ConversationRetentionIT {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    private PostgresInstances postgres;
    private JdbcClient jdbc;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private void open(String database) {
        if (database.equals("h2")) {
            jdbc = JdbcClient.create(H2TestDatabase.migrated());
            jdbc.sql("insert into tenant (id, name, created_at) values ('acme', 'acme', :now)")
                    .param("now", Timestamp.from(NOW))
                    .update();
        } else {
            postgres = PostgresInstances.withTenant("acme");
            jdbc = postgres.jdbc();
        }
    }

    @AfterEach
    void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void finishedConversationsPastTheRetentionGoWithTheirMessages(String database) {
        open(database);
        UUID oldClosed = conversation("CLOSED", NOW.minus(Duration.ofDays(400)));
        UUID oldBot = conversation("BOT", NOW.minus(Duration.ofDays(366)));
        UUID oldWaiting = conversation("NEEDS_HUMAN", NOW.minus(Duration.ofDays(400)));
        UUID oldWithAgent = conversation("WITH_AGENT", NOW.minus(Duration.ofDays(400)));
        UUID recent = conversation("CLOSED", NOW.minus(Duration.ofDays(300)));
        var meters = new SimpleMeterRegistry();

        retention(YEAR, meters).purge();

        assertThat(jdbc.sql("select id from conversation").query(UUID.class).list())
                .containsExactlyInAnyOrder(oldWaiting, oldWithAgent, recent)
                .doesNotContain(oldClosed, oldBot);
        assertThat(jdbc.sql("select count(*) from conversation_message where conversation_id in (:ids)")
                        .param("ids", List.of(oldClosed, oldBot))
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from conversation_message")
                        .query(Integer.class)
                        .single())
                .isEqualTo(6);
        assertThat(meters.get("grounded.conversation.purged").counter().count()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withoutARetentionNothingGoes(String database) {
        open(database);
        conversation("CLOSED", NOW.minus(Duration.ofDays(4000)));

        retention(null, new SimpleMeterRegistry()).purge();

        assertThat(jdbc.sql("select count(*) from conversation")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRetentionUnderADayIsRefused() {
        assertThatThrownBy(() -> new ConversationProperties(Duration.ofMinutes(30), 6, Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least a day");
    }

    private ConversationRetention retention(Duration retention, SimpleMeterRegistry meters) {
        return new ConversationRetention(
                new ConversationStore(jdbc),
                new ConversationProperties(Duration.ofMinutes(30), 6, retention),
                Clock.fixed(NOW, ZoneOffset.UTC),
                meters);
    }

    /** A conversation last active at {@code at}, with a customer message and a reply. */
    private UUID conversation(String state, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into conversation (id, tenant_id, customer_hash, state, started_at, last_activity_at,
                            channel)
                        values (:id, 'acme', :hash, :state, :at, :at, 'WHATSAPP')
                        """)
                .param("id", id)
                .param("hash", "hash-" + id)
                .param("state", state)
                .param("at", Timestamp.from(at))
                .update();
        for (String role : List.of("CUSTOMER", "BOT")) {
            jdbc.sql("""
                            insert into conversation_message (id, conversation_id, tenant_id, role, text, created_at)
                            values (:id, :conversation, 'acme', :role, 'hello', :at)
                            """)
                    .param("id", UUID.randomUUID())
                    .param("conversation", id)
                    .param("role", role)
                    .param("at", Timestamp.from(at))
                    .update();
        }
        return id;
    }
}
