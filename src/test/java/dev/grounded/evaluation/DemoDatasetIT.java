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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
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
        new ApiClient(port, API_KEY).awaitDocumentsFinished("demo", 3, Duration.ofSeconds(120));
        new ApiClient(port, DENTAL_KEY).awaitDocumentsFinished("dental", 3, Duration.ofSeconds(120));
        EvalDataset lumen = EvalDataset.load(Path.of("evals/lumen-fibre.jsonl"));
        EvalDataset dental = EvalDataset.load(Path.of("evals/brightsmile-dental.jsonl"));
        List<String> gate = List.of(
                "hit@5=0.9",
                "mrr@10=0.75",
                "recall@10=0.95",
                "answer_rate=0.75",
                "refusal_correct=0.5",
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
}
