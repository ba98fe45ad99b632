package dev.grounded.retrieval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.Docx;
import dev.grounded.testing.FakeEmbeddings;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embeddings of an OpenAI-compatible endpoint, through Spring AI, against a fake endpoint on loopback: the demo
 * knowledge is embedded in batches by it and searched by both legs; a rate-limited call is retried and the document
 * still becomes ready; with the endpoint down or too slow, questions are still answered from the keyword leg.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + RemoteEmbeddingsIT.API_KEY,
            "grounded.llm.providers.openai.api-key=",
            "grounded.llm.providers.gemini.api-key=",
            "grounded.llm.providers.anthropic.api-key=",
            "grounded.knowledge.poll-interval=200ms",
            "grounded.knowledge.embedding-batch-size=4",
            "grounded.embedding.provider=openai",
            "grounded.embedding.model=fake-embed",
            "grounded.embedding.dimensions=" + FakeEmbeddings.DIMENSIONS,
            "grounded.embedding.api-key=sk-embeddings",
            "grounded.embedding.timeout=1s",
            "grounded.embedding.max-retries=1"
        })
@DirtiesContext
class RemoteEmbeddingsIT {

    static final String API_KEY = "remote-embeddings-api-key-0123";
    private static final String EMBEDDINGS = "/v1/embeddings";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final WireMockServer endpoint =
            new WireMockServer(options().dynamicPort().extensions(new FakeEmbeddings()));

    static {
        endpoint.start();
        embedsEverything();
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String data = Files.createTempDirectory("grounded-remote-embeddings").toString();
        registry.add("grounded.data-dir", () -> data);
        registry.add("grounded.embedding.base-url", () -> endpoint.baseUrl() + "/v1");
    }

    @AfterAll
    static void stop() {
        endpoint.stop();
    }

    private static void embedsEverything() {
        endpoint.stubFor(post(urlEqualTo(EMBEDDINGS)).willReturn(aResponse().withTransformers(FakeEmbeddings.NAME)));
    }

    private ApiClient api() {
        return new ApiClient(port, API_KEY);
    }

    @BeforeEach
    void demoKnowledgeIsReady() {
        endpoint.resetAll();
        embedsEverything();
        api().awaitDocumentsFinished("demo", 3);
    }

    @Test
    void theKnowledgeIsEmbeddedInBatchesByTheEndpointAndSearchedByBothLegs() throws Exception {
        String id = api().uploadReady(
                        "demo",
                        "router-guide.docx",
                        new Docx()
                                .heading(1, "Router guide")
                                .paragraph("The Lumen Hub router has four gigabit ports and WiFi 6.")
                                .paragraph("Restart the Lumen Hub by holding the power button for ten seconds.")
                                .paragraph("The guest network of the Lumen Hub is switched on in the app.")
                                .paragraph("Parental controls of the Lumen Hub block sites by category.")
                                .paragraph("Firmware updates of the Lumen Hub install themselves at night.")
                                .build());

        List<LoggedRequest> calls = endpoint.findAll(postRequestedFor(urlEqualTo(EMBEDDINGS)));
        assertThat(calls).isNotEmpty();
        for (LoggedRequest call : calls) {
            JsonNode body = JSON.readTree(call.getBodyAsString());
            assertThat(body.get("model").asString()).isEqualTo("fake-embed");
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sk-embeddings");
            if (body.get("input").isArray()) {
                assertThat(body.get("input").size()).as("one batch").isLessThanOrEqualTo(4);
            }
        }
        JsonNode document = api().get("/api/v1/tenants/demo/documents/" + id).getBody();
        assertThat(document.get("embeddingModel").asString()).isEqualTo("fake-embed/" + FakeEmbeddings.DIMENSIONS);

        JsonNode reply =
                api().ask("demo", "How do I restart the Lumen Hub router?").getBody();
        JsonNode best = reply.get("trace").get("retrieved").get(0);
        assertThat(best.get("sourceId").asString()).isEqualTo(id);
        assertThat(best.get("denseRank").isNull())
                .as("the endpoint's vectors were searched")
                .isFalse();
        assertThat(best.get("keywordRank").isNull()).isFalse();
    }

    @Test
    void aRateLimitedCallIsRetriedAndTheDocumentBecomesReady() throws Exception {
        endpoint.resetAll();
        endpoint.stubFor(post(urlEqualTo(EMBEDDINGS))
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("open"));
        endpoint.stubFor(post(urlEqualTo(EMBEDDINGS))
                .inScenario("rate limit")
                .whenScenarioStateIs("open")
                .willReturn(aResponse().withTransformers(FakeEmbeddings.NAME)));

        String id = api().uploadReady(
                        "demo",
                        "moving.docx",
                        new Docx()
                                .heading(1, "Moving house")
                                .paragraph("Tell us your new address two weeks before you move.")
                                .build());

        assertThat(api().get("/api/v1/tenants/demo/documents/" + id)
                        .getBody()
                        .get("status")
                        .asString())
                .isEqualTo("ready");
        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo(EMBEDDINGS)))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anEndpointThatIsDownOrTooSlowLeavesTheKeywordLegAnswering() {
        endpoint.resetAll();
        endpoint.stubFor(post(urlEqualTo(EMBEDDINGS)).willReturn(aResponse().withStatus(503)));

        JsonNode down = api().ask("demo", "Is there an installation fee?").getBody();

        assertThat(down.get("trace").get("retrieved").size())
                .as(down.toString())
                .isPositive();
        JsonNode first = down.get("trace").get("retrieved").get(0);
        assertThat(first.get("keywordRank").isNull()).isFalse();
        assertThat(first.get("denseRank").isNull()).isTrue();
        assertThat(down.get("outcome").asString()).isIn("extractive", "not_covered", "quick_reply");

        endpoint.resetAll();
        endpoint.stubFor(post(urlEqualTo(EMBEDDINGS))
                .willReturn(aResponse().withFixedDelay(3_000).withTransformers(FakeEmbeddings.NAME)));

        JsonNode slow = api().ask("demo", "Is there an installation fee?").getBody();

        assertThat(slow.get("trace").get("retrieved").get(0).get("denseRank").isNull())
                .as("the call timed out")
                .isTrue();
        endpoint.verify(
                postRequestedFor(urlEqualTo(EMBEDDINGS)).withHeader("Authorization", equalTo("Bearer sk-embeddings")));
    }
}
