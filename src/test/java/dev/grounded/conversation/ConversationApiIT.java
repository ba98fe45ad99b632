package dev.grounded.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.ApiClient;
import dev.grounded.testing.EmbeddedApplicationTest;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Conversations over HTTP, with no LLM configured: memory, stored traces, handoffs, and an agent taking over. */
class ConversationApiIT extends EmbeddedApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void demoKnowledgeIsReady() throws InterruptedException {
        api().awaitDocumentsFinished("demo", 3);
    }

    @Test
    void aCustomersMessagesFormOneConversationWithEveryRepliesTrace() {
        String phone = "+34 611 22 33 01";
        JsonNode first =
                api().ask("demo", "What are your opening hours?", null, phone).getBody();
        JsonNode second = api().ask("demo", "How do I restore the router to factory settings?", null, phone)
                .getBody();

        String id = first.get("conversationId").asString();
        assertThat(second.get("conversationId").asString()).isEqualTo(id);
        JsonNode thread = conversation(id);
        assertThat(thread.get("conversation").get("state").asString()).isEqualTo("bot");
        assertThat(thread.get("conversation").get("customer").asString()).isEqualTo("+34•••••3301");
        JsonNode messages = thread.get("messages");
        assertThat(messages.findValuesAsString("role")).containsExactly("customer", "bot", "customer", "bot");
        JsonNode quickReply = messages.get(1);
        assertThat(quickReply.get("outcome").asString()).isEqualTo("quick_reply");
        assertThat(quickReply.get("trace").get("quickReply").get("label").asString())
                .isEqualTo("Opening hours");
        JsonNode extractive = messages.get(3);
        assertThat(extractive.get("outcome").asString()).isEqualTo("extractive");
        assertThat(extractive.get("provider").asString()).isEqualTo("extractive");
        assertThat(extractive.get("degraded").asBoolean()).isTrue();
        assertThat(extractive.get("latencyMs").asLong()).isPositive();
        JsonNode trace = extractive.get("trace");
        assertThat(trace.get("retrieved").size()).isPositive();
        assertThat(trace.get("retrieved").get(0).has("keywordRank")).isTrue();
        assertThat(trace.get("stageMs").has("retrieval")).isTrue();
        assertThat(trace.get("handoff").get("required").asBoolean()).isFalse();

        String stored = jdbc.sql("select concat(customer_hash, customer_sealed, customer_masked) from conversation"
                        + " where id = cast(:id as uuid)")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).as("the phone number is not stored in clear").doesNotContain("611223301");
    }

    @Test
    void twoQuestionsInARowThatTheKnowledgeDoesNotCoverHandTheConversationOver() {
        String phone = "+34 611 22 33 02";
        JsonNode first = api().ask("demo", "Who won the football world cup in 1998?", null, phone)
                .getBody();
        JsonNode second = api().ask("demo", "What is the capital of Australia?", null, phone)
                .getBody();

        assertThat(first.get("outcome").asString()).isEqualTo("not_covered");
        assertThat(second.get("outcome").asString()).isEqualTo("handoff");
        assertThat(second.get("handoff").get("reason").asString()).isEqualTo("missing_knowledge");
        assertThat(second.get("answer").asString()).contains("passing your conversation");
        JsonNode conversation =
                conversation(second.get("conversationId").asString()).get("conversation");
        assertThat(conversation.get("state").asString()).isEqualTo("needs_human");
        assertThat(conversation.get("handoffReason").asString()).isEqualTo("missing_knowledge");
        assertThat(ids(api().get("/api/v1/tenants/demo/conversations?state=needs_human")
                        .getBody()))
                .contains(second.get("conversationId").asString());
    }

    @Test
    void whileAnAgentOwnsTheConversationTheBotStaysSilent() {
        String phone = "+34 611 22 33 03";
        String id = api().ask("demo", "What are your opening hours?", null, phone)
                .getBody()
                .get("conversationId")
                .asString();

        JsonNode taken = api().postJson(
                        "/api/v1/tenants/demo/conversations/" + id + "/takeover", "{\"agent\": \"maria\"}")
                .getBody();
        JsonNode silent =
                api().ask("demo", "What are your opening hours?", null, phone).getBody();
        api().postJson(
                        "/api/v1/tenants/demo/conversations/" + id + "/messages",
                        "{\"agent\": \"maria\", \"text\": \"We open at 8 tomorrow.\"}");
        api().postJson("/api/v1/tenants/demo/conversations/" + id + "/release", "{}");
        JsonNode afterRelease =
                api().ask("demo", "What are your opening hours?", null, phone).getBody();

        assertThat(taken.get("state").asString()).isEqualTo("with_agent");
        assertThat(taken.get("agent").asString()).isEqualTo("maria");
        assertThat(silent.get("conversationId").asString()).isEqualTo(id);
        assertThat(silent.get("answer").isNull()).as(silent.toString()).isTrue();
        assertThat(silent.get("outcome").asString()).isEqualTo("handoff");
        assertThat(silent.get("handoff").get("required").asBoolean()).isTrue();
        assertThat(afterRelease.get("outcome").asString()).isEqualTo("quick_reply");
        assertThat(conversation(id).get("messages").findValuesAsString("role"))
                .containsExactly("customer", "bot", "customer", "agent", "customer", "bot");
    }

    @Test
    void conversationsAreScopedToTheirTenantAndBadIdsAreClientErrors() {
        String id = api().ask("demo", "What are your opening hours?", null, "+34 611 22 33 04")
                .getBody()
                .get("conversationId")
                .asString();
        ApiClient dental = new ApiClient(port, DENTAL_API_KEY);

        assertThat(dental.get("/api/v1/tenants/demo/conversations/" + id).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(dental.get("/api/v1/tenants/dental/conversations/" + id).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(dental.ask("dental", "Hello", id, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().get("/api/v1/tenants/demo/conversations/not-a-uuid").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().get("/api/v1/tenants/demo/conversations?state=sleeping")
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().postJson("/api/v1/tenants/demo/conversations/" + id + "/takeover", "{}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private JsonNode conversation(String id) {
        var response = api().get("/api/v1/tenants/demo/conversations/" + id);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> ids(JsonNode conversations) {
        return StreamSupport.stream(conversations.spliterator(), false)
                .map(c -> c.get("id").asString())
                .toList();
    }
}
