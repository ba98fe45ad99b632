package dev.grounded.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.grounded.channel.whatsapp.WebhookFixtures;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.Patience;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each provider asks of us, against fakes on loopback fed the providers' own payload shapes
 * ({@code ../shared/datasets/whatsapp}): a batch keeps its readable events, WhatsApp's notices get no reply, a caption
 * keeps its media, {@code Retry-After} and Meta's pair rate are waited out, WAHA's {@code message.any} and id-less
 * session statuses are understood, a dead letter sent again shows as sent, and a send whose answer never came is
 * reconciled with the provider (Meta's status naming our id, Twilio's message list, WAHA's echo) instead of being sent
 * twice.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + ProviderEtiquetteIT.API_KEY,
            "grounded.llm.order=openai",
            "grounded.llm.providers.openai.api-key=sk-test",
            "grounded.llm.providers.openai.model=gpt-test",
            "grounded.llm.providers.gemini.api-key=",
            "grounded.llm.providers.anthropic.api-key=",
            "grounded.whatsapp.public-url=" + ProviderEtiquetteIT.PUBLIC_URL,
            "grounded.whatsapp.poll-interval=200ms",
            "grounded.whatsapp.retry-initial=200ms",
            "grounded.whatsapp.retry-max=1s",
            "grounded.whatsapp.timeout=1s",
            "grounded.whatsapp.reconcile-interval=500ms",
            "grounded.whatsapp.reconcile-wait=5m"
        })
class ProviderEtiquetteIT {

    static final String API_KEY = "provider-etiquette-api-key-0123";
    static final String PUBLIC_URL = "https://bot.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APP_SECRET = "etiquette-app-secret";
    private static final String AUTH_TOKEN = "etiquette-auth-token";
    private static final String HMAC_KEY = "etiquette-hmac-key";
    private static final AtomicInteger NUMBERS = new AtomicInteger(600_200_000);

    private static final WireMockServer llm =
            new WireMockServer(options().dynamicPort().extensions(new FakeGroundedModel()));
    private static final WireMockServer providers =
            new WireMockServer(options().dynamicPort().globalTemplating(true));

    static {
        llm.start();
        providers.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private String meta;
    private String twilio;
    private String waha;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("grounded.data-dir", () -> {
            try {
                return Files.createTempDirectory("grounded-etiquette-it").toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        registry.add("grounded.llm.providers.openai.base-url", () -> llm.baseUrl() + "/v1");
        registry.add("grounded.whatsapp.graph-url", () -> providers.baseUrl() + "/graph");
        registry.add("grounded.whatsapp.twilio-url", () -> providers.baseUrl() + "/twilio");
        registry.add("grounded.egress.allow", () -> "localhost");
    }

    @AfterAll
    static void stop() {
        llm.stop();
        providers.stop();
    }

    @BeforeEach
    void connections() {
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withTransformers("fake-grounded-model")));
        providers.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .atPriority(9)
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out-"
                        + "{{randomValue length=16 type='ALPHANUMERIC'}}\"}]}")));
        providers.stubFor(post(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                .atPriority(9)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")));
        providers.stubFor(post(urlPathEqualTo("/waha/api/sendText"))
                .atPriority(9)
                .willReturn(okJson("{\"id\":\"true_{{jsonPath request.body '$.chatId'}}_"
                        + "{{randomValue length=20 type='ALPHANUMERIC'}}\"}")));
        if (meta == null) {
            meta = connection("{\"provider\":\"meta\",\"name\":\"Meta\",\"identifiers\":{\"phoneNumberId\":\"1111\","
                    + "\"businessAccountId\":\"2222\"},\"secrets\":{\"appSecret\":\"" + APP_SECRET
                    + "\",\"accessToken\":\"meta-token\",\"verifyToken\":\"verify\"}}");
            twilio = connection("{\"provider\":\"twilio\",\"name\":\"Twilio\",\"identifiers\":{\"accountSid\":"
                    + "\"AC123\",\"sender\":\"+14155238886\"},\"secrets\":{\"authToken\":\"" + AUTH_TOKEN + "\"}}");
            waha = connection("{\"provider\":\"waha\",\"name\":\"WAHA\",\"identifiers\":{\"baseUrl\":\""
                    + providers.baseUrl() + "/waha\",\"session\":\"default\"},\"secrets\":{\"apiKey\":\"k\","
                    + "\"webhookHmacKey\":\"" + HMAC_KEY + "\"}}");
        }
    }

    // ---- point 3: what the providers send ----

    @Test
    void aBatchWithAnUnreadableMessageAnswersTheOthersAndKeepsTheRejectedOneWithItsReason() throws Exception {
        String first = number();
        String second = number();
        ObjectNode body =
                metaFixture("pywa__message__text.json", first, "wamid.batch-1-" + first, m -> m.putObject("text")
                        .put("body", "What are your opening hours?"));
        ArrayNode messages = messagesOf(body);
        ObjectNode other = ((ObjectNode) messages.get(0)).deepCopy();
        other.put("from", second).put("id", "wamid.batch-2-" + second);
        ObjectNode broken = ((ObjectNode) messages.get(0)).deepCopy();
        broken.remove("from");
        broken.put("id", "wamid.batch-broken-" + first);
        messages.add(broken);
        messages.add(other);
        double before = rejectedCount();

        assertThat(meta(body.toString()).statusCode()).isEqualTo(200);

        await(() -> sentTo(first).size() == 1 && sentTo(second).size() == 1 ? true : null, "both valid answered");
        assertThat(jdbc.sql("select status, kind, last_error from inbox_event where dedupe_key = :key")
                        .param("key", "rejected:wamid.batch-broken-" + first)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3))
                        .single())
                .isEqualTo("FAILED/REJECTED/A message without id or sender");
        assertThat(rejectedCount() - before).isEqualTo(1.0);
        // The three events share one stored copy of the body that carried them: the first keeps it.
        assertThat(jdbc.sql("""
                                select count(raw_sealed) || '/' || count(distinct body_event) || '/' || count(*) from inbox_event
                                where dedupe_key in (:keys)
                                """)
                        .param(
                                "keys",
                                List.of(
                                        "message:wamid.batch-1-" + first,
                                        "message:wamid.batch-2-" + second,
                                        "rejected:wamid.batch-broken-" + first))
                        .query(String.class)
                        .single())
                .isEqualTo("1/1/3");
        // Meta redelivers the same batch: nothing is answered or counted twice.
        assertThat(meta(body.toString()).statusCode()).isEqualTo(200);
        awaitSettled(meta);
        assertThat(sentTo(first)).hasSize(1);
        assertThat(rejectedCount() - before).isEqualTo(2.0);
    }

    @Test
    void aNoticeFromWhatsAppIsNotAnswered() throws Exception {
        String number = number();
        ObjectNode body = metaFixture("pywa__message__text.json", number, "wamid.system-" + number, m -> {
            m.remove("text");
            m.put("type", "system");
            m.putObject("system")
                    .put("body", "User " + number + " changed from " + number + " to 34699999999")
                    .put("wa_id", "34699999999")
                    .put("type", "user_changed_number");
        });

        assertThat(meta(body.toString()).statusCode()).isEqualTo(200);

        awaitSettled(meta);
        assertThat(inboxOutcome("message:wamid.system-" + number))
                .startsWith("IGNORED/a notice from WhatsApp, not the customer");
        assertThat(sentTo(number)).isEmpty();
    }

    @Test
    void mediaWithACaptionIsAnsweredAndItsMetadataKept() throws Exception {
        String number = number();
        ObjectNode body = metaFixture(
                "pywa__message__image.json", number, "wamid.caption-" + number, m -> ((ObjectNode) m.get("image"))
                        .put("caption", "How much does Fibre 1000 cost per month?"));

        assertThat(meta(body.toString()).statusCode()).isEqualTo(200);

        await(() -> sentTo(number).isEmpty() ? null : true, "the answer to the caption");
        JsonNode customer = customerMessages(number).getFirst();
        assertThat(customer.get("text").asString()).isEqualTo("How much does Fibre 1000 cost per month?");
        assertThat(customer.get("attachment").get("mimeType").asString()).isEqualTo("image/jpeg");
        assertThat(customer.get("attachment").get("providerId").asString()).isEqualTo("65463453");
        assertThat(customer.get("attachment").get("kind").asString()).isEqualTo("image");
    }

    @Test
    void twilioRetryAfterIsWaitedOut() throws Exception {
        String number = number();
        providers.stubFor(post(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing(URLEncoder.encode("+" + number, StandardCharsets.UTF_8)))
                .inScenario("retry-after-" + number)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("throttled")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "3")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));

        assertThat(twilioInbound(number, "Hello, what are your opening hours?").statusCode())
                .isEqualTo(200);

        List<LoggedRequest> sends = await(() -> twilioSent(number).size() >= 2 ? twilioSent(number) : null, "resend");
        assertThat(Duration.between(
                        sends.get(0).getLoggedDate().toInstant(),
                        sends.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void metasPairRateErrorWaitsAtLeastSixSeconds() throws Exception {
        String number = number();
        providers.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .withRequestBody(containing("\"to\":\"" + number + "\""))
                .inScenario("pair-rate-" + number)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("limited")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#131056) (Business Account, Consumer Account) pair rate"
                                + " limit hit\",\"type\":\"OAuthException\",\"code\":131056,\"fbtrace_id\":\"A\"}}")));

        meta(metaFixture("pywa__message__text.json", number, "wamid.pair-" + number, m -> m.putObject("text")
                        .put("body", "What are your opening hours?"))
                .toString());

        List<LoggedRequest> sends = await(() -> sentTo(number).size() >= 2 ? sentTo(number) : null, "resend");
        assertThat(Duration.between(
                        sends.get(0).getLoggedDate().toInstant(),
                        sends.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void wahaSessionStatusesWithoutAnIdAreAppliedInTheOrderTheyHappened() throws Exception {
        ObjectNode working = (ObjectNode) JSON.readTree(new String(
                WebhookFixtures.bytes("waha/waha-docs__session.status.strict.json"), StandardCharsets.UTF_8));
        assertThat(working.has("id")).isFalse();
        assertThat(waha(working.toString()).statusCode()).isEqualTo(200);
        awaitSessionStatus("WORKING");

        ObjectNode failed = status(working, "FAILED", 1_700_000_004_000L);
        assertThat(waha(failed.toString()).statusCode()).isEqualTo(200);
        awaitSessionStatus("FAILED");

        // WORKING again, later: before, it was taken for a redelivery of the first and dropped.
        ObjectNode again = status(working, "WORKING", 1_700_000_005_000L);
        assertThat(waha(again.toString()).statusCode()).isEqualTo(200);
        awaitSessionStatus("WORKING");

        // A status that happened earlier, processed late, does not undo the later one.
        assertThat(waha(status(working, "STOPPED", 1_700_000_004_500L).toString())
                        .statusCode())
                .isEqualTo(200);
        awaitSettled(waha);
        assertThat(sessionStatus()).isEqualTo("WORKING");
    }

    @Test
    void wahaTellsOurEchoFromStaffTypingOnThePhone() throws Exception {
        String number = number();
        String chat = number + "@c.us";
        assertThat(waha(WhatsAppChannelIT.wahaMessage(
                                "false_" + chat + "_IN", chat, false, "Do you open Sundays?", "app"))
                        .statusCode())
                .isEqualTo(200);
        await(() -> wahaSent(chat).isEmpty() ? null : true, "the answer");
        awaitSettled(waha);
        String ours = providerIdOf(waha, chat);
        String text = JSON.readTree(wahaSent(chat).getFirst().getBodyAsString())
                .get("text")
                .asString();

        waha(WhatsAppChannelIT.wahaMessage(ours, chat, true, text, "api"));
        awaitSettled(waha);
        assertThat(conversationState(number)).isEqualTo("bot");

        waha(WhatsAppChannelIT.wahaMessage("true_" + chat + "_STAFF", chat, true, text, "app"));
        await(() -> "with_agent".equals(conversationState(number)) ? true : null, "the takeover");
    }

    @Test
    void aDeadLetterSentAgainShowsAsSentInTheConversation() throws Exception {
        String number = number();
        providers.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .withRequestBody(containing("\"to\":\"" + number + "\""))
                .inScenario("dead-" + number)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("refused")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Message undeliverable\",\"code\":131026}}")));
        meta(metaFixture("pywa__message__text.json", number, "wamid.dead-" + number, m -> m.putObject("text")
                        .put("body", "What are your opening hours?"))
                .toString());
        await(() -> "failed".equals(botDelivery(number)) ? true : null, "the failure");
        String outboxId = jdbc.sql("select id from outbox_message where status = 'DEAD' and error_code = '131026'")
                .query(String.class)
                .single();

        assertThat(api().postJson("/api/v1/tenants/demo/outbox/" + outboxId + "/retry", "{}")
                        .getStatusCode()
                        .is2xxSuccessful())
                .isTrue();

        await(() -> "sent".equals(botDelivery(number)) ? true : null, "the conversation to show it sent");
        assertThat(sentTo(number)).hasSize(2);
    }

    @Test
    void anExtractiveAnswerSendsAPriceTableAsReadableLines() throws Exception {
        String number = number();
        String question = "Which internet plans do you have and what do they cost per month?";
        // The model is down for this question: the answer is the passages themselves, tables and all.
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .atPriority(1)
                .withRequestBody(containing("internet plans do you have"))
                .willReturn(aResponse().withStatus(503)));
        meta(metaFixture("pywa__message__text.json", number, "wamid.table-" + number, m -> m.putObject("text")
                        .put("body", question))
                .toString());

        await(() -> sentTo(number).isEmpty() ? null : true, "the extractive answer");
        String sent = sentTo(number).stream()
                .map(r -> JSON.readTree(r.getBodyAsString())
                        .get("text")
                        .get("body")
                        .asString())
                .collect(Collectors.joining("\n"));
        assertThat(sent).contains("Fibre 1000").doesNotContain("---").doesNotContain("| ");
        assertThat(sent).containsPattern("- Plan: Fibre \\d+");
    }

    // ---- point 2: a send whose answer never came ----

    @Test
    void metaConfirmsThroughItsStatusASendWhoseAnswerWasLost() throws Exception {
        String number = number();
        providers.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .withRequestBody(containing("\"to\":\"" + number + "\""))
                .willReturn(
                        okJson("{\"messages\":[{\"id\":\"wamid.too-late\"}]}").withFixedDelay(3_000)));
        meta(metaFixture("pywa__message__text.json", number, "wamid.lost-" + number, m -> m.putObject("text")
                        .put("body", "What are your opening hours?"))
                .toString());
        LoggedRequest send =
                await(() -> sentTo(number).isEmpty() ? null : sentTo(number).getFirst(), "the send");
        String reference = JSON.readTree(send.getBodyAsString())
                .get("biz_opaque_callback_data")
                .asString();
        await(() -> "UNKNOWN".equals(outboxStatus(reference)) ? true : null, "the send to be in doubt");
        assertThat(botDelivery(number)).isEqualTo("unknown");

        ObjectNode status = (ObjectNode) JSON.readTree(new String(
                WebhookFixtures.bytes("meta-cloud-api/pywa__message_status__sent.json"), StandardCharsets.UTF_8));
        ObjectNode entry = (ObjectNode) status.get("entry")
                .get(0)
                .get("changes")
                .get(0)
                .get("value")
                .get("statuses")
                .get(0);
        entry.put("id", "wamid.delivered-" + number)
                .put("recipient_id", number)
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .put("biz_opaque_callback_data", reference);
        assertThat(meta(status.toString()).statusCode()).isEqualTo(200);

        await(() -> "SENT".equals(outboxStatus(reference)) ? true : null, "the confirmation");
        assertThat(reconciliation(reference))
                .isEqualTo("Outcome unknown at first; confirmed by Meta's status: not sent again");
        assertThat(providerIdOf(reference)).isEqualTo("wamid.delivered-" + number);
        assertThat(botDelivery(number)).isEqualTo("sent");
        assertThat(sentTo(number)).hasSize(1);
        JsonNode listed = outboxEntry(meta, reference);
        assertThat(listed.get("status").asString()).isEqualTo("sent");
        assertThat(listed.get("reconciliation").asString()).contains("confirmed by Meta's status");
    }

    @Test
    void twilioFindsASendWhoseAnswerWasLostInItsMessageList() throws Exception {
        String number = number();
        String to = URLEncoder.encode("whatsapp:+" + number, StandardCharsets.UTF_8);
        providers.stubFor(post(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing(to))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withBody("{\"sid\":\"SMlate\"}")
                        .withFixedDelay(3_000)));
        twilioInbound(number, "Hello, what are your opening hours?");
        LoggedRequest send = await(
                () -> twilioSent(number).isEmpty() ? null : twilioSent(number).getFirst(), "send");
        Map<String, String> form = parse(send.getBodyAsString());
        assertThat(form.get("StatusCallback"))
                .startsWith(PUBLIC_URL + "/webhooks/twilio/" + twilio + "/status?outbox=");
        String reference =
                form.get("StatusCallback").substring(form.get("StatusCallback").indexOf("=") + 1);
        await(() -> "UNKNOWN".equals(outboxStatus(reference)) ? true : null, "the send to be in doubt");

        providers.stubFor(get(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                .withQueryParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo("whatsapp:+" + number))
                .willReturn(okJson(JSON.writeValueAsString(Map.of(
                        "messages",
                        List.of(Map.of(
                                "sid",
                                "SMfound" + number,
                                "body",
                                form.get("Body"),
                                "status",
                                "sent",
                                "date_created",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                        Instant.now().atZone(ZoneOffset.UTC)))))))));

        await(() -> "SENT".equals(outboxStatus(reference)) ? true : null, "the lookup");
        assertThat(reconciliation(reference)).isEqualTo("Outcome unknown at first; found at Twilio: not sent again");
        assertThat(providerIdOf(reference)).isEqualTo("SMfound" + number);
        assertThat(twilioSent(number)).hasSize(1);
    }

    @Test
    void wahasEchoConfirmsASendWhoseAnswerWasLost() throws Exception {
        String number = number();
        String chat = number + "@c.us";
        providers.stubFor(post(urlPathEqualTo("/waha/api/sendText"))
                .withRequestBody(containing(chat))
                .willReturn(okJson("{\"id\":\"true_" + chat + "_LATE\"}").withFixedDelay(3_000)));
        waha(WhatsAppChannelIT.wahaMessage("false_" + chat + "_IN", chat, false, "Do you open Sundays?", "app"));
        LoggedRequest send =
                await(() -> wahaSent(chat).isEmpty() ? null : wahaSent(chat).getFirst(), "the send");
        String text = JSON.readTree(send.getBodyAsString()).get("text").asString();

        waha(WhatsAppChannelIT.wahaMessage("true_" + chat + "_ECHO", chat, true, text, "api"));

        await(() -> providerIdOf(waha, chat) != null ? true : null, "the confirmation");
        String reference = jdbc.sql("select id from outbox_message where provider_message_id = :p")
                .param("p", "true_" + chat + "_ECHO")
                .query(String.class)
                .single();
        assertThat(reconciliation(reference))
                .isEqualTo("Outcome unknown at first; confirmed by WAHA's echo of it: not sent again");
        awaitSettled(waha);
        assertThat(wahaSent(chat)).hasSize(1);
        assertThat(conversationState(number)).isEqualTo("bot");
    }

    // ---- helpers ----

    private String connection(String json) {
        var created = api().postJson("/api/v1/tenants/demo/channels", json);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return created.getBody().get("id").asString();
    }

    private ApiClient api() {
        return new ApiClient(port, API_KEY);
    }

    private static String number() {
        return "34" + NUMBERS.incrementAndGet();
    }

    /** A Meta fixture with its first message from {@code from}, with this id, sent now, changed by {@code change}. */
    private static ObjectNode metaFixture(String file, String from, String id, Consumer<ObjectNode> change) {
        ObjectNode body = (ObjectNode)
                JSON.readTree(new String(WebhookFixtures.bytes("meta-cloud-api/" + file), StandardCharsets.UTF_8));
        ObjectNode value =
                (ObjectNode) body.get("entry").get(0).get("changes").get(0).get("value");
        ((ObjectNode) value.get("contacts").get(0)).put("wa_id", from);
        ObjectNode message = (ObjectNode) value.get("messages").get(0);
        message.put("from", from)
                .put("id", id)
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        change.accept(message);
        return body;
    }

    private static ArrayNode messagesOf(ObjectNode body) {
        return (ArrayNode)
                body.get("entry").get(0).get("changes").get(0).get("value").get("messages");
    }

    private static ObjectNode status(ObjectNode fixture, String status, long at) {
        ObjectNode copy = fixture.deepCopy();
        ObjectNode payload = (ObjectNode) copy.get("payload");
        payload.put("status", status);
        ArrayNode statuses = payload.putArray("statuses");
        statuses.addObject().put("status", status).put("timestamp", at);
        return copy;
    }

    private HttpResponse<String> meta(String body) throws Exception {
        return deliver(
                "/webhooks/meta/" + meta,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Hub-Signature-256",
                        "sha256=" + WhatsAppChannelIT.hex(WhatsAppChannelIT.hmac("HmacSHA256", APP_SECRET, body))));
    }

    private HttpResponse<String> waha(String body) throws Exception {
        return deliver(
                "/webhooks/waha/" + waha,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Webhook-Hmac",
                        WhatsAppChannelIT.hex(WhatsAppChannelIT.hmac("HmacSHA512", HMAC_KEY, body)),
                        "X-Webhook-Hmac-Algorithm",
                        "sha512"));
    }

    /** Twilio's inbound text fixture from this number, signed for the public URL. */
    private HttpResponse<String> twilioInbound(String number, String text) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(parse(
                new String(WebhookFixtures.bytes("twilio/inbound-whatsapp-text.form.txt"), StandardCharsets.UTF_8)));
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("From", "whatsapp:+" + number);
        params.put("WaId", number);
        params.put("Body", text);
        params.put("AccountSid", "AC123");
        String path = "/webhooks/twilio/" + twilio;
        StringBuilder data = new StringBuilder(PUBLIC_URL + path);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature =
                Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return deliver(
                path,
                body,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature));
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.strip().split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private HttpResponse<String> deliver(String path, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<LoggedRequest> sentTo(String number) {
        return providers.findAll(postRequestedFor(urlPathEqualTo("/graph/1111/messages"))
                .withRequestBody(containing("\"to\":\"" + number + "\"")));
    }

    private List<LoggedRequest> twilioSent(String number) {
        return providers.findAll(postRequestedFor(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                .withRequestBody(containing(URLEncoder.encode("whatsapp:+" + number, StandardCharsets.UTF_8))));
    }

    private List<LoggedRequest> wahaSent(String chat) {
        return providers.findAll(
                postRequestedFor(urlPathEqualTo("/waha/api/sendText")).withRequestBody(containing("\"" + chat + "\"")));
    }

    private double rejectedCount() {
        Counter counter = meters.find("grounded.whatsapp.webhook.rejected")
                .tag("provider", "meta")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private String inboxOutcome(String key) {
        return jdbc.sql("select status, last_error from inbox_event where dedupe_key = :key")
                .param("key", key)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                .single();
    }

    private String outboxStatus(String id) {
        return jdbc.sql("select status from outbox_message where id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private String reconciliation(String id) {
        return jdbc.sql("select reconciliation from outbox_message where id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single();
    }

    private String providerIdOf(String id) {
        return jdbc.sql("select provider_message_id from outbox_message where id = :id")
                .param("id", UUID.fromString(id))
                .query((rs, n) -> rs.getString(1))
                .single();
    }

    /** The provider's id of the message sent to this WAHA chat (WAHA's ids name the chat), once recorded. */
    private String providerIdOf(String connection, String chat) {
        return jdbc.sql("""
                        select provider_message_id from outbox_message
                        where connection_id = :connection and status = 'SENT' and provider_message_id like :prefix
                        """)
                .param("connection", UUID.fromString(connection))
                .param("prefix", "true_" + chat + "_%")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private JsonNode outboxEntry(String connection, String id) {
        for (JsonNode entry : api().get("/api/v1/tenants/demo/channels/" + connection + "/outbox?limit=500")
                .getBody()) {
            if (entry.get("id").asString().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError("No outbox entry " + id);
    }

    private JsonNode conversationOf(String number) {
        String tail = number.substring(number.length() - 4);
        for (JsonNode conversation :
                api().get("/api/v1/tenants/demo/conversations?limit=500").getBody()) {
            if (conversation.get("customer").asString("").endsWith(tail)) {
                return api().get("/api/v1/tenants/demo/conversations/"
                                + conversation.get("id").asString())
                        .getBody();
            }
        }
        return null;
    }

    private String conversationState(String number) {
        JsonNode thread = conversationOf(number);
        return thread == null ? null : thread.get("conversation").get("state").asString();
    }

    private List<JsonNode> customerMessages(String number) {
        return await(
                () -> {
                    JsonNode thread = conversationOf(number);
                    if (thread == null) {
                        return null;
                    }
                    List<JsonNode> found = new ArrayList<>();
                    thread.get("messages").forEach(m -> {
                        if (m.get("role").asString().equals("customer")) {
                            found.add(m);
                        }
                    });
                    return found.isEmpty() ? null : found;
                },
                "the customer's message of " + number);
    }

    private String botDelivery(String number) {
        JsonNode thread = conversationOf(number);
        if (thread == null) {
            return null;
        }
        String delivery = null;
        for (JsonNode message : thread.get("messages")) {
            if (message.get("role").asString().equals("bot") && message.hasNonNull("delivery")) {
                delivery = message.get("delivery").asString();
            }
        }
        return delivery;
    }

    private String sessionStatus() {
        return api().get("/api/v1/tenants/demo/channels/" + waha)
                .getBody()
                .path("sessionStatus")
                .asString(null);
    }

    private void awaitSessionStatus(String status) {
        await(() -> status.equals(sessionStatus()) ? true : null, "the session " + status);
    }

    private void awaitSettled(String connection) {
        Patience.await("the events of " + connection + " handled and their messages sent")
                .until(
                        () -> jdbc.sql("""
                                select (select count(*) from inbox_event where connection_id = :connection
                                          and status in ('PENDING', 'PROCESSING'))
                                     + (select count(*) from outbox_message where connection_id = :connection
                                          and status in ('PENDING', 'SENDING', 'UNKNOWN'))
                                """)
                                .param("connection", UUID.fromString(connection))
                                .query(Integer.class)
                                .single(),
                        n -> n == 0);
    }

    private static <T> T await(Supplier<T> probe, String what) {
        return Patience.await(what).until(probe::get, Objects::nonNull);
    }
}
