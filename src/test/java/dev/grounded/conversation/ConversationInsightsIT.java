package dev.grounded.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import dev.grounded.conversation.ConversationStats.Day;
import dev.grounded.conversation.ConversationStats.Gap;
import dev.grounded.conversation.internal.ConversationStore;
import dev.grounded.conversation.internal.InsightQueries;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.MutableClock;
import dev.grounded.testing.PostgresTestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The dashboard's figures on both storage profiles' schemas (H2 and a real PostgreSQL, each migrated by Flyway): days
 * in the business's time zone, outcomes, handoff reasons, latency percentiles and the questions left unanswered.
 */
class ConversationInsightsIT {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    /** Half an hour off a whole hour from UTC: a day boundary inside an hour. */
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-19T10:00:00Z"));
    private PostgresTestDatabase postgres;
    private HikariDataSource pooled;
    private ConversationService conversations;
    private ConversationInsights insights;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private void open(String database) {
        javax.sql.DataSource dataSource;
        if (database.equals("h2")) {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        } else {
            postgres = PostgresTestDatabase.create();
            pooled = new HikariDataSource();
            pooled.setJdbcUrl(postgres.url());
            dataSource = pooled;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + database)
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (TenantId tenant : List.of(ACME, GLOBEX)) {
            jdbc.sql("insert into tenant (id, name, created_at) values (:id, :id, :now)")
                    .param("id", tenant.value())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        }
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        conversations = new ConversationService(
                new ConversationStore(jdbc),
                new CustomerIdentifiers(key),
                event -> {},
                new ConversationProperties(Duration.ofMinutes(30), 6, null),
                clock,
                // The test's own thread is the application's: nobody is signed in.
                new Permissions(null, null));
        insights = new ConversationInsights(new InsightQueries(jdbc));
    }

    @AfterEach
    void close() {
        if (pooled != null) {
            pooled.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void daysFollowTheBusinessTimeZone(String database) {
        open(database);
        // 18:45 UTC on the 20th is 00:15 on the 21st in Kolkata; 18:15 UTC is still the 20th there.
        at("2026-11-20T18:15:00Z");
        exchange(ACME, "+91 98100 00001", Channel.WHATSAPP, "Do you deliver to Pune?", "answered", null, false, 800);
        at("2026-11-20T18:45:00Z");
        exchange(ACME, "+91 98100 00002", Channel.WHATSAPP, "Do you deliver to Goa?", "answered", null, false, 900);
        at("2026-11-21T09:00:00Z");
        exchange(
                ACME,
                "+91 98100 00003",
                Channel.API,
                "I want a person",
                "handoff",
                HandoffReason.CUSTOMER_REQUEST,
                false,
                300);
        conversations.recordCustomer(ACME, lastConversation, "Hello?", "en");

        ConversationStats stats =
                insights.stats(ACME, KOLKATA, LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-22"), 10);

        assertThat(stats.days())
                .containsExactly(
                        new Day(LocalDate.parse("2026-11-19"), 0, 0, 0),
                        new Day(LocalDate.parse("2026-11-20"), 1, 1, 0),
                        new Day(LocalDate.parse("2026-11-21"), 3, 2, 1),
                        new Day(LocalDate.parse("2026-11-22"), 0, 0, 0));
        assertThat(stats.customerMessages()).isEqualTo(4);
        assertThat(insights.stats(
                                ACME,
                                ZoneId.of("UTC"),
                                LocalDate.parse("2026-11-20"),
                                LocalDate.parse("2026-11-20"),
                                10)
                        .customerMessages())
                .as("in UTC both evening messages fall on the 20th")
                .isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void repliesAreCountedByOutcomeWithHandoffReasonsAndLatency(String database) {
        open(database);
        at("2026-11-21T10:00:00Z");
        long[] latencies = {100, 200, 300, 400, 500, 600, 700, 800, 900, 5000};
        exchange(ACME, "+34 600 000 001", Channel.WHATSAPP, "Opening hours?", "quick_reply", null, false, latencies[0]);
        exchange(ACME, "+34 600 000 002", Channel.WHATSAPP, "Opening hours", "quick_reply", null, false, latencies[1]);
        exchange(ACME, "+34 600 000 003", Channel.WHATSAPP, "Reset router?", "answered", null, false, latencies[2]);
        exchange(ACME, "+34 600 000 004", Channel.API, "Reset the router", "answered", null, false, latencies[3]);
        exchange(ACME, "+34 600 000 005", Channel.WHATSAPP, "Fibre speed?", "extractive", null, true, latencies[4]);
        exchange(ACME, "+34 600 000 006", Channel.WHATSAPP, "Gift cards?", "not_covered", null, false, latencies[5]);
        exchange(
                ACME,
                "+34 600 000 007",
                Channel.WHATSAPP,
                "Human please",
                "handoff",
                HandoffReason.CUSTOMER_REQUEST,
                false,
                latencies[6]);
        exchange(
                ACME,
                "+34 600 000 008",
                Channel.WHATSAPP,
                "This is useless!",
                "handoff",
                HandoffReason.FRUSTRATION,
                false,
                latencies[7]);
        exchange(
                ACME,
                "+34 600 000 009",
                Channel.WHATSAPP,
                "Talk to someone",
                "handoff",
                HandoffReason.CUSTOMER_REQUEST,
                false,
                latencies[8]);
        exchange(
                ACME,
                "+34 600 000 010",
                Channel.WHATSAPP,
                "Price of Fibre 1000?",
                "handoff",
                HandoffReason.PROVIDER_FAILURE,
                true,
                latencies[9]);
        // Not the customers': the business trying its bot, an evaluation run, another tenant, another week.
        exchange(ACME, "+34 600 000 011", Channel.PLAYGROUND, "Test question", "not_covered", null, false, 50);
        exchange(ACME, null, Channel.EVALUATION, "Eval question", "not_covered", null, false, 50);
        exchange(GLOBEX, "+34 600 000 012", Channel.WHATSAPP, "Gift cards?", "not_covered", null, false, 50);
        at("2026-11-10T10:00:00Z");
        exchange(ACME, "+34 600 000 013", Channel.WHATSAPP, "Old question", "not_covered", null, false, 50);

        ConversationStats stats = insights.stats(
                ACME, ZoneId.of("Europe/Madrid"), LocalDate.parse("2026-11-15"), LocalDate.parse("2026-11-21"), 10);

        assertThat(stats.customerMessages()).isEqualTo(10);
        assertThat(stats.replies()).isEqualTo(new ConversationStats.Replies(10, 2, 2, 1, 1, 4, 2));
        assertThat(stats.replies().answerRate()).isEqualTo(0.5);
        assertThat(stats.replies().quickReplyRate()).isEqualTo(0.2);
        assertThat(stats.replies().handoffRate()).isEqualTo(0.4);
        assertThat(stats.replies().degradedRate()).isEqualTo(0.2);
        assertThat(stats.handoffs())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        HandoffReason.CUSTOMER_REQUEST, 2L,
                        HandoffReason.FRUSTRATION, 1L,
                        HandoffReason.PROVIDER_FAILURE, 1L));
        // Interpolated percentiles of 100…900 and 5000: the median between 500 and 600, p95 half-way to 5000.
        assertThat(stats.latency()).isEqualTo(new ConversationStats.Latency(550L, 3155L));
        assertThat(stats.gaps()).extracting(Gap::question).containsExactly("Gift cards?");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theWaitForAPersonRunsFromTheHandoffToTheAgentsFirstMessage(String database) {
        open(database);
        at("2026-11-21T10:00:00Z");
        handoff("+34 600 100 001");
        at("2026-11-21T10:05:00Z");
        conversations.recordAgentMessage(ACME, lastConversation, "maria", "Hello, Maria here");
        at("2026-11-21T10:06:00Z");
        conversations.recordAgentMessage(ACME, lastConversation, "maria", "Anything else?");
        // A second handoff message before an agent writes belongs to the same wait.
        at("2026-11-21T10:10:00Z");
        handoff("+34 600 100 002");
        at("2026-11-21T10:11:00Z");
        exchange(ACME, null, Channel.WHATSAPP, "Hello??", "handoff", HandoffReason.FRUSTRATION, false, 300);
        at("2026-11-21T10:12:00Z");
        conversations.recordAgentMessage(ACME, lastConversation, "maria", "Sorry for the wait");
        at("2026-11-21T11:00:00Z");
        handoff("+34 600 100 003");
        // Handed over on the period's last evening, answered the next morning: the whole wait counts.
        at("2026-11-21T22:50:00Z");
        handoff("+34 600 100 004");
        at("2026-11-22T08:00:00Z");
        conversations.recordAgentMessage(ACME, lastConversation, "ana", "Good morning");
        // Not the customers': the business trying its bot; and a handoff after the period.
        at("2026-11-21T12:00:00Z");
        exchange(
                ACME,
                "+34 600 100 005",
                Channel.PLAYGROUND,
                "Human",
                "handoff",
                HandoffReason.CUSTOMER_REQUEST,
                false,
                1);
        at("2026-11-22T09:00:00Z");
        handoff("+34 600 100 006");

        var toPerson = insights.stats(
                        ACME, ZoneId.of("UTC"), LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-21"), 10)
                .toPerson();

        // Waits of 120 s, 300 s and 33,000 s: the median 300, p95 90% of the way from 300 to 33,000.
        assertThat(toPerson).isEqualTo(new ConversationStats.ToPerson(4, 3, 300L, 29_730L));
        assertThat(toPerson.unanswered()).isEqualTo(1);
    }

    private void handoff(String phone) {
        exchange(
                ACME,
                phone,
                Channel.WHATSAPP,
                "I want a person",
                "handoff",
                HandoffReason.CUSTOMER_REQUEST,
                false,
                300);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSameUnansweredQuestionInOtherCaseAndPunctuationIsOneGap(String database) {
        open(database);
        at("2026-11-20T10:00:00Z");
        exchange(ACME, "+34 600 000 021", Channel.WHATSAPP, "Do you sell gift cards?", "not_covered", null, false, 90);
        at("2026-11-20T11:00:00Z");
        exchange(ACME, "+34 600 000 022", Channel.WHATSAPP, "Can I pay with bitcoin?", "not_covered", null, false, 90);
        // The same customer again, not covered a second time: handed over, and that question is a gap too.
        exchange(
                ACME,
                null,
                Channel.WHATSAPP,
                "do you sell GIFT cards",
                "handoff",
                HandoffReason.MISSING_KNOWLEDGE,
                false,
                90);
        at("2026-11-20T12:00:00Z");
        exchange(ACME, "+34 600 000 023", Channel.WHATSAPP, "Where is the shop?", "answered", null, false, 90);
        exchange(ACME, "+34 600 000 024", Channel.WHATSAPP, "Do you sell  gift-cards!", "not_covered", null, false, 90);

        List<Gap> gaps = insights.stats(
                        ACME, ZoneId.of("UTC"), LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"), 10)
                .gaps();

        assertThat(gaps)
                .extracting(Gap::question, Gap::times, Gap::language)
                .containsExactly(
                        tuple("Do you sell  gift-cards!", 3L, "en"), tuple("Can I pay with bitcoin?", 1L, "en"));
        assertThat(gaps.getFirst().lastAsked()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(insights.stats(
                                ACME, ZoneId.of("UTC"), LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"), 1)
                        .gaps())
                .hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPeriodThatEndsBeforeItStartsOrIsLongerThanAYearIsRefused(String database) {
        open(database);
        assertThatThrownBy(() -> insights.stats(
                        ACME, ZoneId.of("UTC"), LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-19"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> insights.stats(
                        ACME, ZoneId.of("UTC"), LocalDate.parse("2025-01-01"), LocalDate.parse("2026-11-19"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 366 days");
        ConversationStats empty = insights.stats(
                ACME, ZoneId.of("UTC"), LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-19"), 10);
        assertThat(empty.replies().answerRate()).isZero();
        assertThat(empty.latency()).isEqualTo(new ConversationStats.Latency(null, null));
        assertThat(empty.gaps()).isEmpty();
        assertThat(empty.toPerson()).isEqualTo(new ConversationStats.ToPerson(0, 0, null, null));
    }

    private ConversationId lastConversation;

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }

    /**
     * A customer message and the bot's reply; a null phone continues the last conversation (as the same customer).
     */
    private void exchange(
            TenantId tenant,
            String phone,
            Channel channel,
            String question,
            String outcome,
            HandoffReason reason,
            boolean degraded,
            long latencyMs) {
        if (phone != null || lastConversation == null || channel == Channel.EVALUATION) {
            lastConversation = conversations.open(tenant, null, phone, channel).id();
        }
        conversations.recordCustomer(tenant, lastConversation, question, "en");
        conversations.recordBot(
                tenant,
                lastConversation,
                new BotMessage("reply", "en", outcome, "test", degraded, reason, null, latencyMs, "{}"));
    }
}
