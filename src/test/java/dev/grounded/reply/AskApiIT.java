package dev.grounded.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.EmbeddedApplicationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** The walking skeleton over HTTP: the demo tenant's knowledge answers, with no LLM configured. */
class AskApiIT extends EmbeddedApplicationTest {

    @Autowired
    HttpCodeStatusMapper healthCodes;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void demoKnowledgeIsReady() throws InterruptedException {
        JsonNode documents = api().awaitDocumentsFinished("demo", 3);
        for (JsonNode doc : documents) {
            assertThat(doc.get("status").asString()).as(doc.toString()).isEqualTo("ready");
            assertThat(doc.get("chunks").asInt()).isPositive();
        }
    }

    @Test
    void answersFromAQuickReplyWithoutAnLlm() {
        JsonNode reply = api().ask("demo", "What are your opening hours?").getBody();

        assertThat(reply.get("outcome").asString()).isEqualTo("quick_reply");
        assertThat(reply.get("provider").asString()).isEqualTo("quick-reply");
        assertThat(reply.get("quickReply").get("label").asString()).isEqualTo("Opening hours");
        assertThat(reply.get("degraded").asBoolean()).isFalse();
        assertThat(reply.get("answer").asString()).contains("Monday to Friday from 8:00 to 22:00");
        assertThat(reply.get("language").asString()).isEqualTo("en");
        assertThat(reply.get("sources").get(0).get("title").asString()).isEqualTo("Opening hours");
        assertThat(reply.get("handoff").get("required").asBoolean()).isFalse();
    }

    @Test
    void everyReplyIsTimedByOutcomeAndProvider() {
        var before = replies("quick_reply");

        api().ask("demo", "What are your opening hours?");

        assertThat(replies("quick_reply")).isEqualTo(before + 1);
        assertThat(meters.get("grounded.replies")
                        .tag("tenant", "demo")
                        .tag("outcome", "quick_reply")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isPositive();
    }

    private long replies(String outcome) {
        var timer = meters.find("grounded.replies")
                .tag("tenant", "demo")
                .tag("outcome", outcome)
                .tag("provider", "quick-reply")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void answersFromThePdfAndNamesIt() {
        JsonNode reply = api().ask("demo", "How do I restore the router to factory settings?")
                .getBody();

        // No chat provider is configured: the knowledge alone answers, marked as degraded.
        assertThat(reply.get("outcome").asString()).isEqualTo("extractive");
        assertThat(reply.get("provider").asString()).isEqualTo("extractive");
        assertThat(reply.get("degraded").asBoolean()).isTrue();
        assertThat(reply.get("trace").get("retrieved").get(0).get("denseRank").asInt())
                .isPositive();
        assertThat(reply.get("trace").get("stageMs").get("retrieval").asLong()).isNotNegative();
        assertThat(reply.get("latencyMs").asLong()).isPositive();
        assertThat(reply.get("answer").asString()).contains("reset button").contains("10 seconds");
        JsonNode source = reply.get("sources").get(0);
        assertThat(source.get("title").asString()).isEqualTo("Lumen Fibre Service Guide");
        assertThat(source.get("documentId").asString()).matches("[0-9a-f-]{36}");
        assertThat(source.get("snippet").asString()).isNotBlank();
        assertThat(source.get("score").asDouble()).isPositive();
    }

    @Test
    void answersFromTheDocx() {
        JsonNode reply = api().ask("demo", "What is the early termination fee if I cancel?")
                .getBody();

        assertThat(reply.get("answer").asString()).contains("10 EUR for each remaining month");
        assertThat(reply.get("sources").get(0).get("title").asString()).isEqualTo("Lumen Fibre Terms and Policies");
    }

    @Test
    void saysHonestlyWhenTheKnowledgeDoesNotCoverTheQuestion() {
        JsonNode reply =
                api().ask("demo", "Who won the football world cup in 1998?").getBody();

        assertThat(reply.get("outcome").asString()).isEqualTo("not_covered");
        assertThat(reply.get("answer").asString()).contains("don't have information");
        assertThat(reply.get("provider").asString()).isEqualTo("none");
        assertThat(reply.get("sources")).isEmpty();
        // A person is offered, not forced on the customer for one unanswerable question.
        assertThat(reply.get("handoff").get("required").asBoolean()).isFalse();
    }

    @Test
    void handsOverWhenTheCustomerAsksForAPerson() {
        JsonNode reply = api().ask("demo", "Can I talk to a human please?").getBody();

        assertThat(reply.get("outcome").asString()).isEqualTo("handoff");
        assertThat(reply.get("handoff").get("required").asBoolean()).isTrue();
        assertThat(reply.get("handoff").get("reason").asString()).isEqualTo("customer_request");
    }

    @Test
    void repliesInTheCustomersLanguage() {
        JsonNode reply =
                api().ask("demo", "¿Puedo hablar con una persona real?").getBody();

        assertThat(reply.get("language").asString()).isEqualTo("es");
        assertThat(reply.get("answer").asString()).contains("equipo");
    }

    @Test
    void refusesRequestsWithoutAValidKeyOrForAnotherTenant() {
        assertThat(api().ask("demo", "hi", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().ask("demo", "hi", "grd_wrong_key_0000000000").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().ask("another-tenant", "hi").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void rejectsAnEmptyQuestion() {
        assertThat(api().ask("demo", " ").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void healthNeedsNoKey() {
        var health = api().http().get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody().get("status").asString()).isEqualTo("UP");
    }

    /**
     * A starting app (readiness refusing traffic), a failing dependency and a degraded group answer 503, so a load
     * balancer, compose's healthcheck or a test waiting for the app never takes a 200 too early.
     */
    @Test
    void healthAnswers503WhenNotUp() {
        assertThat(healthCodes.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(healthCodes.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(healthCodes.getStatusCode(new Status("DEGRADED"))).isEqualTo(503);
        assertThat(healthCodes.getStatusCode(Status.UP)).isEqualTo(200);
    }
}
