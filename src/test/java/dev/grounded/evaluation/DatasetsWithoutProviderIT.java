package dev.grounded.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.tenant.TenantId;
import dev.grounded.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo datasets and the multilingual handoff dataset run through the reply engine with no chat provider at all, as
 * an installation starts: out-of-scope questions are refused (nothing is quoted by chance), and handoff detection
 * reaches a person when it should and not otherwise, in every language of the handoff dataset.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + DatasetsWithoutProviderIT.API_KEY,
            "grounded.bootstrap.dental-api-key=" + DatasetsWithoutProviderIT.DENTAL_KEY,
            "grounded.llm.providers.openai.api-key=",
            "grounded.llm.providers.gemini.api-key=",
            "grounded.llm.providers.anthropic.api-key=",
            "grounded.knowledge.poll-interval=200ms"
        })
@DirtiesContext
class DatasetsWithoutProviderIT {

    static final String API_KEY = "no-provider-test-api-key-0123";
    static final String DENTAL_KEY = "no-provider-test-dental-key-0123";

    @LocalServerPort
    int port;

    @Autowired
    DatasetEvaluation evaluation;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("grounded-no-provider-test");
        registry.add("grounded.data-dir", data::toString);
    }

    @Test
    void outOfScopeQuestionsAreRefusedAndHandoffsFoundInEveryLanguage() throws Exception {
        new ApiClient(port, API_KEY).awaitDocumentsFinished("demo", 3);
        new ApiClient(port, DENTAL_KEY).awaitDocumentsFinished("dental", 3);

        EvalReport lumen =
                evaluation.run(TenantId.of("demo"), EvalDataset.load(Path.of("evals/lumen-fibre.jsonl")), (d, t) -> {});
        EvalReport dental = evaluation.run(
                TenantId.of("dental"), EvalDataset.load(Path.of("evals/brightsmile-dental.jsonl")), (d, t) -> {});
        EvalReport handoff = evaluation.run(
                TenantId.of("demo"), EvalDataset.load(Path.of("evals/handoff-multilingual.jsonl")), (d, t) -> {});

        for (EvalReport report : List.of(lumen, dental)) {
            assertThat(report.providers()).as("nothing was generated").doesNotContainKey("openai");
            assertThat(Gate.failures(List.of("refusal_correct=0.95", "answer_rate=0.6"), report.metrics()))
                    .as(report.dataset() + " " + report.metrics())
                    .isEmpty();
        }
        assertThat(handoff.results()).hasSizeGreaterThanOrEqualTo(120);
        assertThat(handoff.byLanguage()).containsKeys("en", "es", "pt", "fr", "de", "it", "nl", "hi");
        for (Map.Entry<String, Map<String, Double>> language :
                handoff.byLanguage().entrySet()) {
            assertThat(Gate.failures(List.of("handoff_precision=0.95", "handoff_recall=0.95"), language.getValue()))
                    .as(language.getKey() + " " + language.getValue())
                    .isEmpty();
        }
    }
}
