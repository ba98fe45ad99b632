package dev.grounded.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.Browser;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.Patience;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo tenants' datasets in {@code evals/} run end to end through the reply engine (embedded profile, the real
 * OpenAI client against a fake model), gated on retrieval, refusal and handoff metrics as CI would gate; and a broken
 * knowledge base fails the gate.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + DemoDatasetIT.API_KEY,
            "grounded.bootstrap.dental-api-key=" + DemoDatasetIT.DENTAL_KEY,
            "grounded.llm.order=openai",
            "grounded.llm.providers.openai.api-key=sk-test",
            "grounded.llm.providers.openai.model=gpt-fake",
            "grounded.llm.providers.gemini.api-key=",
            "grounded.llm.providers.anthropic.api-key=",
            "grounded.knowledge.poll-interval=200ms"
        })
@DirtiesContext
class DemoDatasetIT {

    static final String API_KEY = "dataset-test-api-key-0123";
    static final String DENTAL_KEY = "dataset-test-dental-key-0123";
    private static final WireMockServer model =
            new WireMockServer(options().dynamicPort().extensions(new FakeGroundedModel()));

    static {
        model.start();
        model.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()));
    }

    @LocalServerPort
    int port;

    @Autowired
    DatasetEvaluation evaluation;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    EvaluationRuns runs;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("grounded-dataset-test");
        registry.add("grounded.data-dir", data::toString);
        registry.add("grounded.llm.providers.openai.base-url", () -> model.baseUrl() + "/v1");
    }

    @AfterAll
    static void stop() {
        model.stop();
    }

    /** The run's HTML report, opened from disk in headless Chromium: its charts draw and every case is listed. */
    private static void assertHtmlReportRendersItsCharts(ApiClient api, String runId, int cases) throws IOException {
        String html = api.http()
                .get()
                .uri("/api/v1/tenants/demo/evaluations/" + runId + "/report.html")
                .header("Authorization", "Bearer " + api.apiKey())
                .retrieve()
                .body(String.class);
        Path file = Files.createTempFile("evaluation-report", ".html");
        Files.writeString(file, html);
        try (Browser browser = Browser.launch()) {
            Page page = browser.browser().newPage();
            page.navigate(file.toUri().toString());
            assertThat(page.locator("svg.chart").count()).isGreaterThan(3);
            assertThat(page.locator("svg.chart rect.bar").count()).isGreaterThan(20);
            assertThat(page.locator("#latency rect.bar").count()).isEqualTo(10);
            assertThat(page.locator("#cases tr").count()).isEqualTo(cases + 1);
            // A drawn chart has a size: the SVG was parsed and laid out, not shown as text.
            assertThat(page.locator("svg.chart").first().boundingBox().width).isGreaterThan(300);
            Files.createDirectories(Path.of("target/e2e"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target/e2e/evaluation-report.png"))
                    .setFullPage(true));
        }
    }

    @Test
    void theDemoDatasetsMeetTheirGatesAndABrokenKnowledgeBaseFailsThem() throws Exception {
        new ApiClient(port, API_KEY).awaitDocumentsFinished("demo", 3);
        new ApiClient(port, DENTAL_KEY).awaitDocumentsFinished("dental", 3);
        EvalDataset lumen = EvalDataset.load(Path.of("evals/lumen-fibre.jsonl"));
        EvalDataset dental = EvalDataset.load(Path.of("evals/brightsmile-dental.jsonl"));
        List<String> gate = List.of(
                "hit@5=0.9",
                "mrr@10=0.75",
                "recall@10=0.95",
                "answer_rate=0.75",
                // The fake model answers from whatever passage it is given, so a near-domain question (another
                // company's password, a museum's hours) that reaches the line is answered; a real model refuses it
                // and no model quotes it (DatasetsWithoutProviderIT).
                "refusal_correct=0.25",
                "handoff_recall=0.9",
                "handoff_reason_accuracy=0.9",
                "language_match=0.9");

        TenantId demo = TenantId.of("demo");
        EvaluationRuns.Context before = runs.context(demo);
        EvalReport lumenReport = evaluation.run(demo, lumen, (done, total) -> {});
        EvaluationRuns.RunSummary healthy = runs.save(demo, lumenReport, before);
        EvalReport dentalReport = evaluation.run(TenantId.of("dental"), dental, (done, total) -> {});

        assertThat(lumen.cases().size() + dental.cases().size()).isGreaterThanOrEqualTo(60);
        assertThat(Gate.failures(gate, lumenReport.metrics()))
                .as(lumenReport.metrics().toString())
                .isEmpty();
        assertThat(Gate.failures(gate, dentalReport.metrics()))
                .as(dentalReport.metrics().toString())
                .isEmpty();
        assertThat(lumenReport.providers()).containsKey("openai");
        // No judge LLM here: faithfulness is the lexical check and says so; judged correctness is absent, not zero.
        assertThat(lumenReport.metrics())
                .containsKeys("faithfulness", "answer_relevancy")
                .doesNotContainKeys("answer_correctness", "judge_errors");
        assertThat(lumenReport.methods().get("faithfulness")).startsWith("lexical");
        assertThat(lumenReport.metrics().get("faithfulness")).isGreaterThan(0.7);
        assertThat(lumenReport.byTag())
                .containsKeys("documents", "quick-replies", "out-of-scope", "handoff", "follow-up");
        assertThat(lumenReport.byLanguage()).containsKeys("en", "es", "pt", "fr");

        // The price list is deleted: the questions it answers lose one of their sources, and the gate says so.
        var priceList = knowledge.list(TenantId.of("demo")).stream()
                .filter(d -> d.title().equals("Lumen Fibre Price List 2026"))
                .findFirst()
                .orElseThrow();
        knowledge.delete(demo, priceList.id());
        EvaluationRuns.Context after = runs.context(demo);
        EvalReport broken = evaluation.run(demo, lumen, (done, total) -> {});
        EvaluationRuns.RunSummary brokenRun = runs.save(demo, broken, after);

        assertThat(Gate.failures(gate, broken.metrics()))
                .as(broken.metrics().toString())
                .isNotEmpty()
                .anySatisfy(failure -> assertThat(failure).startsWith("recall@10"));

        // Both runs are stored and compare over the API: same dataset, changed knowledge, recall down.
        var api = new ApiClient(port, API_KEY);
        JsonNode list = api.get("/api/v1/tenants/demo/evaluations").getBody();
        assertThat(list.findValuesAsString("id"))
                .contains(healthy.id().toString(), brokenRun.id().toString());
        JsonNode stored =
                api.get("/api/v1/tenants/demo/evaluations/" + healthy.id()).getBody();
        assertThat(stored.get("knowledge").findValuesAsString("title")).contains("Lumen Fibre Price List 2026");
        assertThat(stored.get("configuration").get("promptsSha256").asString()).hasSize(64);
        assertThat(stored.get("report").get("results").size())
                .isEqualTo(lumen.cases().size());
        JsonNode firstCase = stored.get("report").get("results").get(0);
        assertThat(firstCase.get("trace").get("retrieved").get(0).has("keywordRank"))
                .as("each case keeps its reply's trace")
                .isTrue();
        assertThat(firstCase.get("judgement").get("relevancy").isNumber()).isTrue();
        JsonNode comparison = api.get("/api/v1/tenants/demo/evaluations/compare?base=" + healthy.id() + "&candidate="
                        + brokenRun.id())
                .getBody();
        assertThat(comparison.get("sameDataset").asBoolean()).isTrue();
        assertThat(comparison.get("sameKnowledge").asBoolean()).isFalse();
        assertThat(comparison.get("metrics").get("recall@10").get("change").asDouble())
                .isNegative();
        assertHtmlReportRendersItsCharts(
                api, healthy.id().toString(), lumen.cases().size());
        assertThat(new ApiClient(port, DENTAL_KEY)
                        .get("/api/v1/tenants/dental/evaluations/" + healthy.id())
                        .getStatusCode()
                        .value())
                .as("another tenant's run is not found")
                .isEqualTo(404);
    }

    /**
     * QA's way over REST: store a dataset (JSONL, and the same cases as CSV are the same version), start a run and
     * follow its progress to the end, start another and compare the two; a malformed file is refused with its line,
     * and a cancelled run stays cancelled.
     */
    @Test
    void aStoredDatasetRunsOverRestWithProgressAndComparesToAnotherRun() throws Exception {
        var api = new ApiClient(port, DENTAL_KEY);
        api.awaitDocumentsFinished("dental", 3);
        byte[] jsonl = Files.readAllBytes(Path.of("evals/brightsmile-dental.jsonl"));
        EvalDataset expected = EvalDataset.load(Path.of("evals/brightsmile-dental.jsonl"));

        var stored = api.put(
                "/api/v1/tenants/dental/evaluation-datasets/dental-smoke",
                MediaType.parseMediaType("application/jsonl"),
                jsonl);
        assertThat(stored.getStatusCode().value()).isEqualTo(200);
        assertThat(stored.getBody().get("cases").asInt())
                .isEqualTo(expected.cases().size());
        assertThat(stored.getBody().get("version").asString()).isEqualTo(expected.version());

        String csv = """
                id,question,conversation,language,expected_sources,expect,tags
                hours,"When are you open on Saturday?",,en,Brightsmile Dental Patient Guide,answer,documents;hours
                follow,"And on Sunday?","When are you open on Saturday?",en,,answer,follow-up
                """;
        var fromCsv = api.put(
                "/api/v1/tenants/dental/evaluation-datasets/csv-smoke",
                MediaType.parseMediaType("text/csv"),
                csv.getBytes());
        assertThat(fromCsv.getStatusCode().value()).isEqualTo(200);
        JsonNode csvCases = api.get("/api/v1/tenants/dental/evaluation-datasets/csv-smoke")
                .getBody()
                .get("cases");
        assertThat(csvCases.get(1).get("conversation").get(0).asString()).isEqualTo("When are you open on Saturday?");
        assertThat(csvCases.get(0).get("tags").size()).isEqualTo(2);

        var broken = api.put(
                "/api/v1/tenants/dental/evaluation-datasets/broken",
                MediaType.parseMediaType("application/jsonl"),
                "{\"id\": \"a\", \"question\": \"Hi\"}\n{\"id\": \"b\", \"question\": \"x\", \"expect\": \"maybe\"}\n"
                        .getBytes());
        assertThat(broken.getStatusCode().value()).isEqualTo(400);
        assertThat(broken.getBody().get("detail").asString()).contains("line 2");
        assertThat(api.get("/api/v1/tenants/dental/evaluation-datasets")
                        .getBody()
                        .findValuesAsString("name"))
                // The demo tenant's own dataset, seeded with its knowledge, and the two stored here.
                .containsExactlyInAnyOrder("brightsmile-dental", "csv-smoke", "dental-smoke");
        assertThat(new ApiClient(port, API_KEY)
                        .get("/api/v1/tenants/demo/evaluation-datasets/dental-smoke")
                        .getStatusCode()
                        .value())
                .as("another tenant's dataset is not found")
                .isEqualTo(404);

        JsonNode first = startAndFollow(api, "dental-smoke", expected.cases().size());
        JsonNode second = startAndFollow(api, "dental-smoke", expected.cases().size());
        assertThat(first.get("metrics").get("refusal_correct")).isNotNull();
        JsonNode comparison = api.get("/api/v1/tenants/dental/evaluations/compare?base="
                        + first.get("id").asString() + "&candidate="
                        + second.get("id").asString())
                .getBody();
        assertThat(comparison.get("sameDataset").asBoolean()).isTrue();
        assertThat(comparison.get("sameKnowledge").asBoolean()).isTrue();
        assertThat(comparison.get("metrics").get("hit@5").get("change").asDouble())
                .isZero();

        var queued = api.postJson("/api/v1/tenants/dental/evaluations", "{\"dataset\": \"dental-smoke\"}");
        String cancelled = queued.getBody().get("id").asString();
        int status = api.postJson("/api/v1/tenants/dental/evaluations/" + cancelled + "/cancel", "{}")
                .getStatusCode()
                .value();
        assertThat(status).isEqualTo(204);
        // Whether the worker had claimed it or not, nothing it does changes a cancelled run.
        Awaitility.await("the run to stay cancelled")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/tenants/dental/evaluations/" + cancelled + "/progress")
                                .getBody()
                                .get("status")
                                .asString(),
                        "CANCELLED"::equals);
        assertThat(api.get("/api/v1/tenants/dental/evaluations/compare?base="
                                + first.get("id").asString() + "&candidate=" + cancelled)
                        .getStatusCode()
                        .value())
                .as("a cancelled run has nothing to compare")
                .isEqualTo(409);
        assertThat(api.postJson("/api/v1/tenants/dental/evaluations", "{\"dataset\": \"no-such\"}")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    /** Starts a run over REST and polls its progress until it is done; progress is seen rising on the way. */
    private static JsonNode startAndFollow(ApiClient api, String dataset, int cases) {
        var started = api.postJson("/api/v1/tenants/dental/evaluations", "{\"dataset\": \"" + dataset + "\"}");
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String location = started.getHeaders().getLocation().toString();
        Set<Integer> seen = new TreeSet<>();
        JsonNode done = Patience.await("the run of " + dataset + " to finish")
                .until(() -> api.get(location).getBody(), progress -> {
                    seen.add(progress.get("casesDone").asInt());
                    assertThat(progress.get("casesTotal").asInt()).isEqualTo(cases);
                    String status = progress.get("status").asString();
                    assertThat(status).isIn("QUEUED", "RUNNING", "DONE");
                    return status.equals("DONE");
                });
        assertThat(seen).as("progress reported along the way").hasSizeGreaterThan(2);
        return done;
    }
}
