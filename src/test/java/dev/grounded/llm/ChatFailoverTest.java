package dev.grounded.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.grounded.llm.Attempt.Status;
import dev.grounded.llm.internal.Chains;
import dev.grounded.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Failover through the real Spring AI clients (OpenAI, an OpenAI-compatible "Gemini", Anthropic) against a local
 * WireMock server that plays all three; circuit-breaker time is a clock the test moves.
 */
class ChatFailoverTest {

    private static final WireMockServer fake = new WireMockServer(options().dynamicPort());
    private static final String OPENAI = "/openai/v1/chat/completions";
    private static final String GEMINI = "/gemini/chat/completions";
    private static final String ANTHROPIC = "/anthropic/v1/messages";

    static {
        fake.start();
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    @AfterAll
    static void stop() {
        fake.stop();
    }

    @BeforeEach
    void reset() {
        fake.resetAll();
    }

    @Test
    void whenThePrimaryAnswers500TheNextProviderAnswers() {
        fake.stubFor(
                post(urlEqualTo(OPENAI)).willReturn(aResponse().withStatus(500).withBody("{\"error\":{}}")));
        fake.stubFor(post(urlEqualTo(GEMINI)).willReturn(openAiCompletion("From Gemini.")));

        ChatResult result = failover(properties(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .call(prompt(), ProviderPreference.global());

        assertThat(result.text()).isEqualTo("From Gemini.");
        assertThat(result.provider()).isEqualTo("gemini");
        assertThat(result.attempts())
                .extracting(Attempt::provider, Attempt::status)
                .containsExactly(tuple("openai", Status.FAILED), tuple("gemini", Status.ANSWERED));
        assertThat(result.attempts().getFirst().error()).contains("500");
        fake.verify(1, postRequestedFor(urlEqualTo(OPENAI)));
        fake.verify(0, postRequestedFor(urlEqualTo(ANTHROPIC)));
    }

    @Test
    void aPrimaryThatTimesOutIsAbandonedAndTheNextAnswersWithinTheBudget() {
        fake.stubFor(
                post(urlEqualTo(OPENAI)).willReturn(openAiCompletion("too late").withFixedDelay(5_000)));
        fake.stubFor(post(urlEqualTo(GEMINI)).willReturn(openAiCompletion("In time.")));

        long start = System.nanoTime();
        ChatResult result = failover(properties(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .call(prompt(), ProviderPreference.global());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.text()).isEqualTo("In time.");
        assertThat(result.attempts().getFirst().status()).isEqualTo(Status.TIMED_OUT);
        assertThat(millis).isLessThan(4_000);
    }

    @Test
    void afterThreeFailuresThePrimaryIsNotCalledUntilSixtySecondsLater() {
        fake.stubFor(post(urlEqualTo(OPENAI)).willReturn(aResponse().withStatus(503)));
        fake.stubFor(post(urlEqualTo(GEMINI)).willReturn(openAiCompletion("Gemini.")));
        ChatFailover failover = failover(properties(Duration.ofSeconds(5), Duration.ofSeconds(20)));

        for (int i = 0; i < 3; i++) {
            assertThat(failover.call(prompt(), ProviderPreference.global()).provider())
                    .isEqualTo("gemini");
        }
        fake.verify(3, postRequestedFor(urlEqualTo(OPENAI)));

        clock.advance(Duration.ofSeconds(59));
        ChatResult skipped = failover.call(prompt(), ProviderPreference.global());
        assertThat(skipped.attempts().getFirst().status()).isEqualTo(Status.SKIPPED_CIRCUIT_OPEN);
        assertThat(skipped.provider()).isEqualTo("gemini");
        fake.verify(3, postRequestedFor(urlEqualTo(OPENAI)));

        // Half-open after 60 s: one trial call, which now succeeds and closes the circuit.
        fake.stubFor(post(urlEqualTo(OPENAI)).willReturn(openAiCompletion("OpenAI is back.")));
        clock.advance(Duration.ofSeconds(2));
        assertThat(failover.call(prompt(), ProviderPreference.global()).provider())
                .isEqualTo("openai");
        assertThat(failover.state("openai").name()).isEqualTo("CLOSED");
        fake.verify(4, postRequestedFor(urlEqualTo(OPENAI)));
    }

    @Test
    void whenEveryProviderIsDownTheResultSaysSoWithoutThrowing() {
        fake.stubFor(post(urlEqualTo(OPENAI)).willReturn(aResponse().withStatus(500)));
        fake.stubFor(post(urlEqualTo(GEMINI)).willReturn(aResponse().withStatus(429)));
        fake.stubFor(post(urlEqualTo(ANTHROPIC)).willReturn(aResponse().withStatus(529)));

        ChatResult result = failover(properties(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .call(prompt(), ProviderPreference.global());

        assertThat(result.answered()).isFalse();
        assertThat(result.attempts()).extracting(Attempt::status).containsOnly(Status.FAILED);
        assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("openai", "gemini", "anthropic");
    }

    @Test
    void theBudgetBoundsTheWholeCallNotJustEachAttempt() {
        fake.stubFor(
                post(urlEqualTo(OPENAI)).willReturn(openAiCompletion("slow").withFixedDelay(10_000)));
        fake.stubFor(
                post(urlEqualTo(GEMINI)).willReturn(openAiCompletion("slow").withFixedDelay(10_000)));
        fake.stubFor(
                post(urlEqualTo(ANTHROPIC)).willReturn(anthropicMessage("slow").withFixedDelay(10_000)));

        long start = System.nanoTime();
        ChatResult result = failover(properties(Duration.ofSeconds(8), Duration.ofSeconds(2)))
                .call(prompt(), ProviderPreference.global());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.answered()).isFalse();
        assertThat(millis).isBetween(1_900L, 3_000L);
        assertThat(result.attempts().getFirst().status()).isEqualTo(Status.TIMED_OUT);
        assertThat(result.attempts()).extracting(Attempt::status).contains(Status.SKIPPED_NO_BUDGET);
    }

    @Test
    void anthropicAnswersThroughSpringAisClientWithTheTemperatureAsked() {
        fake.stubFor(post(urlEqualTo(ANTHROPIC))
                .withHeader("x-api-key", equalTo("ant-key"))
                .willReturn(anthropicMessage("From Claude.")));

        ChatResult result = failover(properties(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .call(prompt(), new ProviderPreference(List.of(), "anthropic"));

        assertThat(result.text()).isEqualTo("From Claude.");
        assertThat(result.attempts()).hasSize(1);
        fake.verify(postRequestedFor(urlEqualTo(ANTHROPIC))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-test")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.7")))
                .withRequestBody(matchingJsonPath("$.system", containing("assistant of a shop"))));
        fake.verify(0, postRequestedFor(urlEqualTo(OPENAI)));
    }

    @Test
    void aTenantOrderPutsItsProvidersFirst() {
        fake.stubFor(post(urlEqualTo(GEMINI)).willReturn(openAiCompletion("Gemini first.")));

        ChatResult result = failover(properties(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .call(prompt(), new ProviderPreference(List.of("gemini", "unknown"), null));

        assertThat(result.provider()).isEqualTo("gemini");
        fake.verify(0, postRequestedFor(urlEqualTo(OPENAI)));
        fake.verify(postRequestedFor(urlEqualTo(GEMINI))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.7")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gemini-test"))));
    }

    @Test
    void providersWithoutAKeyAreLeftOutOfTheChain() {
        Map<String, LlmProperties.Provider> providers = new LinkedHashMap<>();
        providers.put("openai", provider(ProviderType.OPENAI, "", "/openai/v1", "gpt", Duration.ofSeconds(1)));
        providers.put(
                "local",
                new LlmProperties.Provider(
                        ProviderType.OPENAI_COMPATIBLE,
                        null,
                        fake.baseUrl() + "/local",
                        "llama",
                        Duration.ofSeconds(1),
                        0,
                        256,
                        true));
        var properties =
                new LlmProperties(List.of("openai"), Duration.ofSeconds(5), 3, Duration.ofSeconds(60), providers);

        assertThat(Chains.providers(properties).names()).containsExactly("local");
    }

    private ChatFailover failover(LlmProperties properties) {
        return new ChatFailover(Chains.providers(properties), Chains.breakers(properties, clock), properties);
    }

    private static LlmProperties properties(Duration timeout, Duration budget) {
        Map<String, LlmProperties.Provider> providers = new LinkedHashMap<>();
        providers.put("openai", provider(ProviderType.OPENAI, "sk-test", "/openai/v1", "gpt-test", timeout));
        providers.put("gemini", provider(ProviderType.OPENAI_COMPATIBLE, "gm-key", "/gemini", "gemini-test", timeout));
        providers.put("anthropic", provider(ProviderType.ANTHROPIC, "ant-key", "/anthropic", "claude-test", timeout));
        return new LlmProperties(
                List.of("openai", "gemini", "anthropic"), budget, 3, Duration.ofSeconds(60), providers);
    }

    private static LlmProperties.Provider provider(
            ProviderType type, String key, String path, String model, Duration timeout) {
        return new LlmProperties.Provider(type, key, fake.baseUrl() + path, model, timeout, 0, 256, null);
    }

    private static Prompt prompt() {
        return new Prompt(
                List.of(new SystemMessage("You are the assistant of a shop."), new UserMessage("Opening hours?")),
                ChatOptions.builder().temperature(0.7).build());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder openAiCompletion(String text) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "m",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s", "refusal": null},
                              "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 3, "total_tokens": 13}}
                """.formatted(text));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder anthropicMessage(String text) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test",
                 "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 10, "output_tokens": 3}}
                """.formatted(text));
    }
}
