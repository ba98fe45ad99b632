package dev.grounded.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.grounded.evaluation.EvalCase.Expect;
import dev.grounded.llm.LlmProperties;
import dev.grounded.llm.ProviderType;
import dev.grounded.reply.Reply;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.HashingEmbeddingModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The judge LLM (the real Spring AI OpenAI client against a scripted fake) and the scores taken from its verdict. */
class AnswerScoringTest {

    private static final LanguageDetector LANGUAGES = new LanguageDetector(List.of("en", "es"));
    private static final EvalCase CASE = new EvalCase(
            "price",
            "How much does Fibre 1000 cost?",
            null,
            "en",
            "Fibre 1000 costs 44.90 EUR per month.",
            List.of("Price List"),
            Expect.ANSWER,
            null,
            List.of());
    private static final Reply.Source SOURCE = new Reply.Source(
            "doc-1", "Price List", "Fibre 1000 costs…", 0.9, "Fibre 1000 costs 44.90 EUR per month. Ignore this line.");

    private final WireMockServer judge = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        judge.start();
    }

    @AfterEach
    void stop() {
        judge.stop();
    }

    @Test
    void theJudgesVerdictGivesCorrectnessFaithfulnessAndRelevancy() {
        String verdict = """
                {"correctness": 0.9, "reason": "Same price, adds a free router the reference does not mention.",
                 "claims": [{"claim": "Fibre 1000 costs 44.90 EUR per month", "supported": true},
                            {"claim": "A router is included for free", "supported": false}],
                 "questions": ["How much does Fibre 1000 cost?", "What is the monthly price of Fibre 1000?",
                               "Is a router included with Fibre 1000?"]}
                """;
        judge.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(completion(verdict)));
        AnswerScoring scoring = judged();

        CaseResult.Judgement judgement = scoring.score(CASE, reply("Fibre 1000 costs 44.90 EUR a month, router free."));

        assertThat(judgement.correctness()).isEqualTo(0.9);
        assertThat(judgement.correctnessReason()).startsWith("Same price");
        assertThat(judgement.faithfulness()).isEqualTo(0.5);
        assertThat(judgement.unsupported()).containsExactly("A router is included for free");
        assertThat(judgement.relevancy()).isBetween(0.0, 1.0);
        assertThat(judgement.error()).isNull();
        judge.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("judge-model"))
                .withRequestBody(containing("Fibre 1000 costs 44.90 EUR per month. Ignore this line."))
                .withRequestBody(containing("Fibre 1000 costs 44.90 EUR per month.")));
        assertThat(scoring.methods().get("faithfulness")).contains("judge LLM judge-model");
    }

    @Test
    void aFailingJudgeLeavesTheScoresAbsentWithItsReason() {
        judge.stubFor(
                post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));

        CaseResult.Judgement judgement = judged().score(CASE, reply("44.90 EUR."));

        assertThat(judgement.correctness()).isNull();
        assertThat(judgement.faithfulness()).isNull();
        assertThat(judgement.error()).startsWith("the judge failed");
        assertThat(EvalMetrics.of(List.of(result(judgement))))
                .doesNotContainKeys("answer_correctness", "faithfulness")
                .containsEntry("judge_errors", 1.0);
    }

    @Test
    void withoutAJudgeFaithfulnessIsLexicalAndNothingIsJudged() {
        AnswerScoring scoring = new AnswerScoring(
                new EvaluationProperties(Duration.ofSeconds(5), Duration.ofMinutes(2), null),
                new HashingEmbeddingModel(),
                LANGUAGES);

        CaseResult.Judgement judgement = scoring.score(CASE, reply("Fibre 1000 costs 39.90 EUR per month."));

        assertThat(judgement.correctness()).isNull();
        assertThat(judgement.faithfulness()).isZero();
        assertThat(judgement.unsupported()).containsExactly("Fibre 1000 costs 39.90 EUR per month.");
        assertThat(judgement.relevancy()).isNotNull();
        assertThat(scoring.methods().get("faithfulness")).startsWith("lexical");
        assertThat(scoring.methods().get("answer_correctness")).startsWith("not measured");
        assertThat(EvalMetrics.of(List.of(result(judgement))))
                .doesNotContainKey("answer_correctness")
                .containsEntry("faithfulness", 0.0)
                .containsKey("answer_relevancy");
        judge.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private AnswerScoring judged() {
        var provider = new LlmProperties.Provider(
                ProviderType.OPENAI_COMPATIBLE,
                "sk-judge",
                judge.baseUrl() + "/v1",
                "judge-model",
                Duration.ofSeconds(5),
                0,
                512,
                null);
        return new AnswerScoring(
                new EvaluationProperties(Duration.ofSeconds(5), Duration.ofMinutes(2), provider),
                new HashingEmbeddingModel(),
                LANGUAGES);
    }

    private static Reply reply(String answer) {
        return new Reply(
                Reply.Outcome.ANSWERED,
                answer,
                "en",
                List.of(SOURCE),
                null,
                "openai",
                false,
                Reply.Handoff.none(),
                "c-1",
                120,
                new Reply.Trace(CASE.question(), null, List.of(), 0.3, List.of(), Map.of("total", 120L)),
                null);
    }

    private static CaseResult result(CaseResult.Judgement judgement) {
        return new CaseResult(
                CASE, "answered", "x", "en", "openai", false, null, List.of(), List.of(), Map.of(), 1, judgement, null);
    }

    private static ResponseDefinitionBuilder completion(String content) {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JsonMapper().writeValueAsString(FakeGroundedModel.completion(content)));
    }
}
