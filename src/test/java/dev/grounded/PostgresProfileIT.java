package dev.grounded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.Channel;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.conversation.InboxItem;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.PassageCuration;
import dev.grounded.testing.PostgresTestDatabase;
import dev.grounded.testing.VersionSwitch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole app in the postgres profile against a real PostgreSQL with pgvector: Flyway creates every table, the demo
 * knowledge is ingested into pgvector, and answers come from it. No local index is written.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + PostgresProfileIT.API_KEY,
            "grounded.knowledge.poll-interval=200ms",
            "grounded.data-dir=/nonexistent/postgres-profile-keeps-no-local-state",
            // Every instance shares this key (GROUNDED_DATA_KEY); the postgres profile refuses to start without one.
            "grounded.security.data-key=" + PostgresProfileIT.DATA_KEY
        })
@ActiveProfiles("postgres")
@DirtiesContext
class PostgresProfileIT {

    static final String API_KEY = "postgres-test-api-key-01";
    static final String DATA_KEY = "c3RhYmxlLXRlc3QtZGF0YS1rZXktb2YtMzItYnl0ZXM=";
    private static PostgresTestDatabase database;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = PostgresTestDatabase.create();
        registry.add("spring.datasource.url", database::url);
    }

    /** Dropped when the context closes, after the app has stopped using it. */
    @TestConfiguration
    static class DropDatabaseOnClose {
        @Bean(destroyMethod = "close")
        PostgresTestDatabase testDatabase() {
            return database;
        }
    }

    @Autowired
    KnowledgeIndex index;

    @Test
    void passagesAreEditedAndSwitchedOffAndKeepTheirChangesInANewVersion() throws Exception {
        PassageCuration.changesApplyAtOnceAndFollowTheirPassages(new ApiClient(port, API_KEY), "demo");
    }

    @Test
    void aNewVersionReplacesTheOldInOneSwitch() throws Exception {
        VersionSwitch.neverLeavesTheDocumentWithoutChunks(new ApiClient(port, API_KEY), index, "demo");
    }

    @Test
    void answersFromKnowledgeStoredInPgvector() throws InterruptedException {
        var api = new ApiClient(port, API_KEY);
        JsonNode documents = api.awaitDocumentsFinished("demo", 3);
        for (JsonNode doc : documents) {
            assertThat(doc.get("status").asString()).as(doc.toString()).isEqualTo("ready");
        }

        JsonNode fromPdf = api.ask("demo", "How do I restore the router to factory settings?")
                .getBody();
        JsonNode fromQuickReply =
                api.ask("demo", "What are your opening hours?").getBody();

        assertThat(fromPdf.get("answer").asString()).contains("10 seconds");
        assertThat(fromPdf.get("sources").get(0).get("title").asString()).isEqualTo("Lumen Fibre Service Guide");
        assertThat(fromQuickReply.get("provider").asString()).isEqualTo("quick-reply");
        long chunks = jdbc.sql("select count(*) from knowledge_chunk where tenant_id = 'demo'")
                .query(Long.class)
                .single();
        assertThat(chunks).isGreaterThan(10);
        String iterativeScan =
                jdbc.sql("show hnsw.iterative_scan").query(String.class).single();
        assertThat(iterativeScan).isEqualTo("strict_order");
    }

    @Autowired
    ConversationService conversations;

    @Test
    void theInboxCountsUnreadMessagesUntilAnAgentOpensTheConversation() {
        TenantId demo = TenantId.of("demo");
        ConversationService.Received asked =
                conversations.receive(demo, null, "+34 611 00 00 42", Channel.WHATSAPP, "Hello?", "en", null, 6);
        conversations.recordCustomer(demo, asked.conversation().id(), "Anyone there?", "en");
        conversations.takeOver(demo, asked.conversation().id(), "ana");

        assertThat(conversations.countByState(demo)).containsEntry(ConversationState.WITH_AGENT, 1);
        assertThat(conversations.inbox(demo, ConversationState.WITH_AGENT, 10))
                .singleElement()
                .extracting(InboxItem::unread, InboxItem::lastMessage)
                .containsExactly(2, "Anyone there?");
        assertThat(conversations.markSeen(demo, asked.conversation().id())).isTrue();
        assertThat(conversations
                        .inbox(demo, ConversationState.WITH_AGENT, 10)
                        .getFirst()
                        .unread())
                .isZero();
    }

    @Autowired
    DataSource dataSource;

    /**
     * A statement the driver has prepared on the server is planned for its parameters every time: a plan cached while
     * the queue was empty would otherwise serve it long after the queue filled up (autovacuum off: never replaced).
     */
    @Test
    void preparedStatementsAreNeverServedAPlanCachedForAnotherTableSize() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim =
                        connection.prepareStatement("select count(*) from inbox_event where status = ? and seq > ?")) {
            for (int i = 0; i < 12; i++) {
                claim.setString(1, "PENDING");
                claim.setLong(2, i);
                claim.executeQuery().close();
            }
            try (ResultSet plans = connection
                    .createStatement()
                    .executeQuery("select generic_plans, custom_plans from pg_prepared_statements"
                            + " where statement like '%from inbox_event where status%'")) {
                assertThat(plans.next())
                        .as("the driver prepared the statement on the server")
                        .isTrue();
                assertThat(plans.getLong("generic_plans")).isZero();
                assertThat(plans.getLong("custom_plans")).isGreaterThanOrEqualTo(6);
            }
        }
    }
}
