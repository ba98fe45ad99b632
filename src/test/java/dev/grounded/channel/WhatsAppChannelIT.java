package dev.grounded.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
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
import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.FakeGroundedModel;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp end to end in the embedded profile: signed webhooks from Meta, Twilio and WAHA into the running app, the
 * reply engine answering through Spring AI's OpenAI client against a fake model, and WireMock standing in for Graph,
 * Twilio's Messages API and WAHA to receive what is sent.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + WhatsAppChannelIT.API_KEY,
            "grounded.bootstrap.dental-api-key=whatsapp-test-dental-key-01234",
            "grounded.llm.order=openai",
            "grounded.llm.providers.openai.api-key=sk-test",
            "grounded.llm.providers.openai.model=gpt-test",
            "grounded.llm.providers.gemini.api-key=",
            "grounded.llm.providers.anthropic.api-key=",
            "grounded.whatsapp.public-url=https://bot.example.com",
            "grounded.whatsapp.poll-interval=200ms",
            "grounded.whatsapp.retry-initial=200ms",
            "grounded.whatsapp.retry-max=1s",
            "grounded.whatsapp.rate-limit=5"
        })
class WhatsAppChannelIT {

    static final String API_KEY = "whatsapp-test-api-key-01234";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APP_SECRET = "meta-app-secret";
    private static final AtomicInteger NUMBERS = new AtomicInteger(600_100_000);

    private static final WireMockServer llm =
            new WireMockServer(options().dynamicPort().extensions(new FakeGroundedModel()));
    private static final WireMockServer whatsapp =
            new WireMockServer(options().dynamicPort().globalTemplating(true));

    static {
        llm.start();
        whatsapp.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerIdentifiers identifiers;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("grounded.data-dir", () -> temp());
        registry.add("grounded.llm.providers.openai.base-url", () -> llm.baseUrl() + "/v1");
        registry.add("grounded.whatsapp.graph-url", () -> whatsapp.baseUrl() + "/graph");
        registry.add("grounded.whatsapp.twilio-url", () -> whatsapp.baseUrl() + "/twilio");
        // The fake WAHA is on loopback, as an operator's own gateway would be on its private network.
        registry.add("grounded.egress.allow", () -> "localhost");
    }

    @AfterAll
    static void stop() {
        llm.stop();
        whatsapp.stop();
    }

    @BeforeEach
    void stubs() {
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withTransformers("fake-grounded-model")));
        whatsapp.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .atPriority(5)
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out-"
                        + "{{randomValue length=16 type='ALPHANUMERIC'}}\"}]}")));
        whatsapp.stubFor(post(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")));
        whatsapp.stubFor(post(urlPathEqualTo("/waha/api/sendText"))
                .willReturn(okJson("{\"id\":\"true_{{jsonPath request.body '$.chatId'}}_"
                        + "{{randomValue length=20 type='ALPHANUMERIC'}}\"}")));
    }

    private ApiClient api() {
        return new ApiClient(port, API_KEY);
    }

    // ---- Meta ----

    @Test
    void aMetaMessageIsAnsweredOnceAndItsDeliveryFollowed() throws Exception {
        String connection = metaConnection();
        String number = number();

        HttpResponse<String> challenge = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/webhooks/meta/" + connection
                                + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("1158201444");
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/webhooks/meta/" + connection
                                                + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);

        long started = System.nanoTime();
        HttpResponse<String> ack =
                meta(connection, metaText(number, "wamid.in-" + number, "What are your opening hours?"));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        List<LoggedRequest> sent = awaitSent(number, 1);
        JsonNode body = JSON.readTree(sent.getFirst().getBodyAsString());
        assertThat(body.get("to").asString()).isEqualTo(number);
        assertThat(body.get("type").asString()).isEqualTo("text");
        assertThat(body.get("text").get("body").asString()).isNotBlank();
        assertThat(sent.getFirst().getHeader("Authorization")).isEqualTo("Bearer meta-access-token");

        JsonNode thread = conversationOf(number);
        JsonNode bot = lastMessage(thread, "bot");
        assertThat(bot.get("text").asString()).isNotBlank();
        awaitDelivery(number, "sent");

        String wamid = sentWamid(connection, number);
        assertThat(meta(connection, metaStatus(number, wamid, "delivered")).statusCode())
                .isEqualTo(200);
        awaitDelivery(number, "delivered");
        assertThat(meta(connection, metaStatus(number, wamid, "read")).statusCode())
                .isEqualTo(200);
        awaitDelivery(number, "read");
        // A late "delivered" never takes a message back from "read".
        meta(connection, metaStatus(number, wamid, "delivered").replace("\"status\":", "\"late\":1,\"status\":"));
        awaitSettled(connection);
        assertThat(lastMessage(conversationOf(number), "bot").get("delivery").asString())
                .isEqualTo("read");
    }

    @Test
    void theSameWebhookDeliveredFiveTimesAtOnceGetsOneReply() throws Exception {
        String connection = metaConnection();
        String number = number();
        String body = metaText(number, "wamid.dup-" + number, "Do you deliver on Sundays?");
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(5)) {
            List<Future<Integer>> acks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acks.add(pool.submit(() -> {
                    start.await();
                    return meta(connection, body).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : acks) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        awaitSent(number, 1);
        awaitSettled(connection);
        assertThat(sentTo(number)).hasSize(1);
        assertThat(messages(conversationOf(number), "customer")).hasSize(1);
    }

    @Test
    void aSendThatFailsWith500IsRetriedAndSentOnce() throws Exception {
        String connection = metaConnection();
        String number = number();
        whatsapp.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .atPriority(1)
                .withRequestBody(containing(number))
                .inScenario("flaky-" + number)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"error\":{\"message\":\"temporarily unavailable\",\"code\":2}}"))
                .willSetStateTo("recovered"));
        whatsapp.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .atPriority(1)
                .withRequestBody(containing(number))
                .inScenario("flaky-" + number)
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.retried-" + number + "\"}]}")));

        meta(connection, metaText(number, "wamid.flaky-" + number, "How much is the fibre plan?"));

        awaitSent(number, 2);
        awaitDelivery(number, "sent");
        awaitSettled(connection);
        assertThat(sentTo(number)).hasSize(2);
        JsonNode entry = outbox(connection, number);
        assertThat(entry.get("status").asString()).isEqualTo("sent");
        assertThat(entry.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aRefusalThatWillNotChangeIsDeadLetteredWithItsReason() throws Exception {
        String connection = metaConnection();
        String number = number();
        whatsapp.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .atPriority(1)
                .withRequestBody(containing(number))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"error\":{\"message\":\"(#131030) Recipient phone number not in allowed list\","
                                + "\"code\":131030}}")));
        meta(connection, metaText(number, "wamid.refused-" + number, "Hello?"));
        awaitDelivery(number, "failed");
        assertThat(sentTo(number)).hasSize(1);
        JsonNode dead = await(
                () -> {
                    var list = api().get("/api/v1/tenants/demo/channels/" + connection + "/outbox?status=dead")
                            .getBody();
                    for (JsonNode entry : list) {
                        if (entry.get("customer").asString().endsWith(number.substring(number.length() - 4))) {
                            return entry;
                        }
                    }
                    return null;
                },
                "a dead letter");
        assertThat(dead.get("errorCode").asString()).isEqualTo("131030");
        assertThat(dead.get("error").asString()).contains("not in allowed list");

        // Fixed on Meta's side, the agent retries it from the dead-letter list.
        whatsapp.removeStub(whatsapp.getStubMappings().stream()
                .filter(s -> s.getPriority() != null
                        && s.getPriority() == 1
                        && s.getRequest().getBodyPatterns() != null
                        && s.getRequest().getBodyPatterns().toString().contains(number))
                .findFirst()
                .orElseThrow());
        assertThat(api().postJson(
                                "/api/v1/tenants/demo/outbox/" + dead.get("id").asString() + "/retry", "{}")
                        .getStatusCode()
                        .value())
                .isEqualTo(202);
        awaitSent(number, 2);
    }

    @Test
    void aWrongOrMissingSignatureOrABrokenBodyIsRefusedAndNothingIsStored() throws Exception {
        String connection = metaConnection();
        String number = number();
        String body = metaText(number, "wamid.forged-" + number, "Hi");
        int before = inboxCount();

        assertThat(send("/webhooks/meta/" + connection, body, Map.of("Content-Type", "application/json"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(
                                "/webhooks/meta/" + connection,
                                body,
                                Map.of(
                                        "Content-Type",
                                        "application/json",
                                        "X-Hub-Signature-256",
                                        "sha256=" + hex(hmac("HmacSHA256", "another-secret", body))))
                        .statusCode())
                .isEqualTo(403);
        String altered = body.replace("Hi", "Hj");
        assertThat(send(
                                "/webhooks/meta/" + connection,
                                altered,
                                Map.of(
                                        "Content-Type",
                                        "application/json",
                                        "X-Hub-Signature-256",
                                        "sha256=" + hex(hmac("HmacSHA256", APP_SECRET, body))))
                        .statusCode())
                .isEqualTo(403);
        assertThat(meta(connection, "{\"entry\": [ not json").statusCode()).isEqualTo(400);
        byte[] broken = WebhookBytes.read("meta-cloud-api/bindambc-java/textMessageStatusRead.json");
        assertThat(meta(connection, new String(broken, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(send("/webhooks/meta/" + java.util.UUID.randomUUID(), body, Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(inboxCount()).isEqualTo(before);
        // The server is still up and answering, and the refused deliveries left nothing to answer.
        assertThat(meta(connection, metaText(number, "wamid.ok-" + number, "Hi"))
                        .statusCode())
                .isEqualTo(200);
        awaitSent(number, 1);
        awaitSettled(connection);
        assertThat(sentTo(number)).hasSize(1);
    }

    @Test
    void outsideThe24HourWindowOnlyATemplateIsSent() throws Exception {
        String connection = metaConnection();
        String number = number();
        meta(connection, metaText(number, "wamid.w-" + number, "I want to speak to a human"));
        awaitSent(number, 1);
        String conversation =
                conversationOf(number).get("conversation").get("id").asString();
        assertThat(api().get("/api/v1/tenants/demo/conversations/" + conversation + "/whatsapp")
                        .getBody()
                        .get("open")
                        .asBoolean())
                .isTrue();

        jdbc.sql("update whatsapp_contact set last_inbound_at = :then where customer_masked like :tail")
                .param("then", java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(25))))
                .param("tail", "%" + number.substring(number.length() - 4))
                .update();

        JsonNode window = api().get("/api/v1/tenants/demo/conversations/" + conversation + "/whatsapp")
                .getBody();
        assertThat(window.get("open").asBoolean()).isFalse();
        assertThat(window.get("reason").asString()).contains("24-hour");
        var refused = api().postJson(
                        "/api/v1/tenants/demo/conversations/" + conversation + "/messages",
                        "{\"agent\":\"ana\",\"text\":\"Hi, I am Ana\"}");
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").asString()).contains("24-hour");
        awaitSettled(connection);
        assertThat(sentTo(number)).hasSize(1);
        assertThat(messages(conversationOf(number), "agent")).isEmpty();

        assertThat(api().putJson(
                                "/api/v1/tenants/demo/channels/" + connection + "/templates",
                                "[{\"name\":\"follow_up\",\"language\":\"en\",\"parameters\":1,"
                                        + "\"body\":\"Hi {{1}}, we have an answer for you. Reply to continue.\"}]")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        // A list with the same template twice, or a body whose placeholders do not match its parameters, is refused
        // whole: the stored templates stay as they were.
        String templates = "/api/v1/tenants/demo/channels/" + connection + "/templates";
        var twice = api().putJson(
                        templates,
                        "[{\"name\":\"promo\",\"language\":\"en\",\"parameters\":0},"
                                + "{\"name\":\"promo\",\"language\":\"en\",\"parameters\":0}]");
        assertThat(twice.getStatusCode().value()).isEqualTo(400);
        assertThat(twice.getBody().get("detail").asString()).contains("listed twice");
        var mismatch = api().putJson(
                        templates, "[{\"name\":\"promo\",\"language\":\"en\",\"parameters\":2,\"body\":\"Hi {{1}}\"}]");
        assertThat(mismatch.getStatusCode().value()).isEqualTo(400);
        assertThat(mismatch.getBody().get("detail").asString()).contains("takes 1 parameters, not 2");
        assertThat(api().get(templates).getBody().findValuesAsString("name")).containsExactly("follow_up");
        var template = api().postJson(
                        "/api/v1/tenants/demo/conversations/" + conversation + "/template",
                        "{\"agent\":\"ana\",\"template\":\"follow_up\",\"language\":\"en\",\"parameters\":[\"Sam\"]}");
        assertThat(template.getStatusCode().value()).isEqualTo(200);
        assertThat(template.getBody().get("text").asString())
                .isEqualTo("Hi Sam, we have an answer for you. Reply to continue.");
        List<LoggedRequest> sent = awaitSent(number, 2);
        JsonNode body = JSON.readTree(sent.get(1).getBodyAsString());
        assertThat(body.get("type").asString()).isEqualTo("template");
        assertThat(body.get("template").get("name").asString()).isEqualTo("follow_up");
        assertThat(body.get("template")
                        .get("components")
                        .get(0)
                        .get("parameters")
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo("Sam");
    }

    @Test
    void aHandoffGoesToAnAgentWhoseReplyIsSentAndTheBotStaysSilentUntilReleased() throws Exception {
        String connection = metaConnection();
        String number = number();
        meta(connection, metaText(number, "wamid.h1-" + number, "I want to speak to a human"));
        awaitSent(number, 1);
        JsonNode thread = conversationOf(number);
        assertThat(thread.get("conversation").get("state").asString()).isEqualTo("needs_human");
        String conversation = thread.get("conversation").get("id").asString();

        assertThat(api().postJson(
                                "/api/v1/tenants/demo/conversations/" + conversation + "/messages",
                                "{\"agent\":\"ana\",\"text\":\"Hi, this is **Ana**. How can I help?\"}")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        List<LoggedRequest> sent = awaitSent(number, 2);
        assertThat(JSON.readTree(sent.get(1).getBodyAsString())
                        .get("text")
                        .get("body")
                        .asString())
                .isEqualTo("Hi, this is *Ana*. How can I help?");

        meta(connection, metaText(number, "wamid.h2-" + number, "My router blinks red"));
        await(() -> messages(conversationOf(number), "customer").size() == 2 ? true : null, "the second message");
        awaitSettled(connection);
        assertThat(sentTo(number))
                .as("the bot is silent while the agent owns the chat")
                .hasSize(2);

        api().postJson("/api/v1/tenants/demo/conversations/" + conversation + "/release", "{}");
        meta(connection, metaText(number, "wamid.h3-" + number, "What are your opening hours?"));
        awaitSent(number, 3);
    }

    @Test
    void stopOptsOutConfirmedOnceAndStartOptsBackIn() throws Exception {
        String connection = metaConnection();
        String number = number();
        meta(connection, metaText(number, "wamid.s1-" + number, "STOP"));
        List<LoggedRequest> sent = awaitSent(number, 1);
        assertThat(JSON.readTree(sent.getFirst().getBodyAsString())
                        .get("text")
                        .get("body")
                        .asString())
                .contains("START");
        meta(connection, metaText(number, "wamid.s2-" + number, "stop"));
        meta(connection, metaText(number, "wamid.s3-" + number, "What are your opening hours?"));
        awaitSettled(connection);
        assertThat(sentTo(number)).as("opted out: nothing more").hasSize(1);
        meta(connection, metaText(number, "wamid.s4-" + number, "START"));
        sent = awaitSent(number, 2);
        assertThat(JSON.readTree(sent.get(1).getBodyAsString())
                        .get("text")
                        .get("body")
                        .asString())
                .contains("Welcome back");
    }

    @Test
    void aCustomerWhoAsksToBeForgottenIsErasedFromConversationsAndWhatsApp() throws Exception {
        String connection = metaConnection();
        String number = number();
        String other = number();
        meta(connection, metaText(number, "wamid.e1-" + number, "What are your opening hours?"));
        meta(connection, metaText(number, "wamid.e2-" + number, "STOP"));
        meta(connection, metaText(other, "wamid.e3-" + other, "What are your opening hours?"));
        awaitSent(number, 2);
        awaitSent(other, 1);
        awaitDelivery(other, "sent");
        String hash = identifiers.hash(number);
        assertThat(rowsOf(hash)).containsEntry("whatsapp_contact", 1).containsEntry("inbox_event", 2);
        assertThat(rowsOf(hash).get("outbox_message")).isEqualTo(2);

        var erased = api().postJson("/api/v1/tenants/demo/customers/erase", "{\"customer\": \"+" + number + "\"}");

        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(erased.getBody().get("conversations").asInt()).isEqualTo(1);
        assertThat(erased.getBody().get("messages").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(rowsOf(hash))
                .containsEntry("conversation", 0)
                .containsEntry("whatsapp_contact", 0)
                .containsEntry("inbox_event", 0)
                .containsEntry("outbox_message", 0);
        assertThat(rowsOf(identifiers.hash(other)))
                .containsEntry("conversation", 1)
                .containsEntry("whatsapp_contact", 1)
                .containsEntry("outbox_message", 1);
        assertThat(api().postJson("/api/v1/tenants/demo/customers/erase", "{\"customer\": \"\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // Forgotten, opt-out included: writing again starts afresh and is answered.
        meta(connection, metaText(number, "wamid.e4-" + number, "What are your opening hours?"));
        awaitSent(number, 3);
        assertThat(rowsOf(hash)).containsEntry("conversation", 1).containsEntry("whatsapp_contact", 1);
    }

    /** The rows that hold the customer with this keyed hash, by table. */
    private Map<String, Integer> rowsOf(String hash) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String query : List.of(
                "conversation:select count(*) from conversation where customer_hash = :hash",
                "whatsapp_contact:select count(*) from whatsapp_contact where customer_hash = :hash",
                "inbox_event:select count(*) from inbox_event where contact_hash = :hash",
                "outbox_message:select count(*) from outbox_message o join whatsapp_contact c on c.id = o.contact_id"
                        + " where c.customer_hash = :hash")) {
            String[] parts = query.split(":", 2);
            rows.put(
                    parts[0],
                    jdbc.sql(parts[1]).param("hash", hash).query(Integer.class).single());
        }
        return rows;
    }

    @Test
    void mediaIsRecordedAndTheCustomerAskedToWriteAndAFloodIsNotAnswered() throws Exception {
        String connection = metaConnection();
        String number = number();
        String voice = new String(WebhookBytes.read("meta-cloud-api/pywa__message__voice.json"), StandardCharsets.UTF_8)
                .replace("972987654321", number)
                .replace("wamid.xyzxyz", "wamid.voice-" + number)
                // The window runs from the customer's message: the fixture's own time is long past.
                .replace("1697043473", String.valueOf(Instant.now().getEpochSecond()));
        assertThat(meta(connection, voice).statusCode()).isEqualTo(200);
        List<LoggedRequest> sent = awaitSent(number, 1);
        assertThat(JSON.readTree(sent.getFirst().getBodyAsString())
                        .get("text")
                        .get("body")
                        .asString())
                .contains("only read text");
        JsonNode customer = messages(conversationOf(number), "customer").getFirst();
        assertThat(customer.get("attachment").get("kind").asString()).isEqualTo("voice");
        assertThat(customer.get("attachment").get("mimeType").asString()).startsWith("audio/ogg");

        // The rate limit here is 5 a minute: the voice note and four more are answered, the rest are not.
        for (int i = 0; i < 7; i++) {
            meta(connection, metaText(number, "wamid.flood-" + i + "-" + number, "Hello " + i));
        }
        awaitSent(number, 5);
        awaitSettled(connection);
        assertThat(sentTo(number)).hasSize(5);
    }

    // ---- Twilio ----

    @Test
    void aTwilioMessageSignedForThePublicUrlIsAnsweredOnceThroughTheMessagesApi() throws Exception {
        JsonNode created = api().postJson(
                        "/api/v1/tenants/demo/channels",
                        "{\"provider\":\"twilio\",\"name\":\"Twilio\",\"identifiers\":{\"accountSid\":\"AC123\","
                                + "\"sender\":\"+14155238886\"},\"secrets\":{\"authToken\":\"twilio-auth-token\"}}")
                .getBody();
        String connection = created.get("id").asString();
        assertThat(created.get("webhookUrl").asString())
                .isEqualTo("https://bot.example.com/webhooks/twilio/" + connection);
        assertThat(created.get("secrets").get("authToken").asString()).isEqualTo("••••oken");
        String number = "+1" + number();
        Map<String, String> form = new TreeMap<>(Map.of(
                "MessageSid", "SM" + number.substring(1) + "0000000000000000000000",
                "AccountSid", "AC123",
                "From", "whatsapp:" + number,
                "To", "whatsapp:+14155238886",
                "Body", "What are your opening hours?",
                "NumMedia", "0",
                "ProfileName", "Sam"));
        String body = form(form);
        String signature = twilioSignature(created.get("webhookUrl").asString(), form);

        HttpResponse<String> wrong = send(
                "/webhooks/twilio/" + connection,
                body,
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-Twilio-Signature",
                        twilioSignature("https://evil.example.com/webhooks/twilio/" + connection, form)));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> ack = send(
                "/webhooks/twilio/" + connection,
                body,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("<Response/>");

        List<LoggedRequest> sent = await(
                () -> {
                    var found = whatsapp.findAll(
                            postRequestedFor(urlPathEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json"))
                                    .withRequestBody(containing(
                                            URLEncoder.encode("whatsapp:" + number, StandardCharsets.UTF_8))));
                    return found.isEmpty() ? null : found;
                },
                "a Twilio send");
        String sentForm = sent.getFirst().getBodyAsString();
        assertThat(sentForm).contains("From=whatsapp%3A%2B14155238886").contains("Body=");
        assertThat(sentForm)
                .contains(URLEncoder.encode(
                        "https://bot.example.com/webhooks/twilio/" + connection + "/status", StandardCharsets.UTF_8));
        assertThat(sent.getFirst().getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC123:twilio-auth-token".getBytes()));

        String sid = JSON.readTree(api().get("/api/v1/tenants/demo/channels/" + connection + "/outbox")
                        .getBody()
                        .toString())
                .get(0)
                .get("id")
                .asString();
        assertThat(sid).isNotBlank();
        String providerSid = jdbc.sql("select provider_message_id from outbox_message where id = :id")
                .param("id", java.util.UUID.fromString(sid))
                .query(String.class)
                .single();
        Map<String, String> status = new TreeMap<>(Map.of(
                "MessageSid",
                providerSid,
                "MessageStatus",
                "delivered",
                "AccountSid",
                "AC123",
                "To",
                "whatsapp:" + number,
                "From",
                "whatsapp:+14155238886"));
        HttpResponse<String> callback = send(
                "/webhooks/twilio/" + connection + "/status",
                form(status),
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-Twilio-Signature",
                        twilioSignature(created.get("statusCallbackUrl").asString(), status)));
        assertThat(callback.statusCode()).isEqualTo(200);
        await(
                () -> "delivered"
                                .equals(lastMessage(conversationOf(number), "bot")
                                        .path("delivery")
                                        .asString())
                        ? true
                        : null,
                "the Twilio delivery status");
    }

    // ---- WAHA ----

    @Test
    void aWahaSessionIsConfiguredAndStartedAndMessagesFromTheBusinessPhoneTakeTheChatOver() throws Exception {
        whatsapp.stubFor(get(urlPathEqualTo("/waha/api/sessions/shop"))
                .willReturn(okJson("{\"name\":\"shop\",\"status\":\"SCAN_QR_CODE\"}")));
        whatsapp.stubFor(
                any(urlPathEqualTo("/waha/api/sessions/shop")).atPriority(9).willReturn(okJson("{}")));
        whatsapp.stubFor(post(urlPathEqualTo("/waha/api/sessions/shop/start")).willReturn(okJson("{}")));
        whatsapp.stubFor(get(urlPathEqualTo("/waha/api/shop/auth/qr"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "image/png")
                        .withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0})));
        JsonNode created = api().postJson(
                        "/api/v1/tenants/demo/channels",
                        "{\"provider\":\"waha\",\"name\":\"Shop phone\",\"identifiers\":{\"baseUrl\":\""
                                + whatsapp.baseUrl() + "/waha\",\"session\":\"shop\"},\"secrets\":{\"apiKey\":"
                                + "\"waha-api-key\",\"webhookHmacKey\":\"waha-hmac-key\"}}")
                .getBody();
        String connection = created.get("id").asString();
        JsonNode started = api().postJson("/api/v1/tenants/demo/channels/" + connection + "/session/start", "{}")
                .getBody();
        assertThat(started.get("sessionStatus").asString()).isEqualTo("SCAN_QR_CODE");
        LoggedRequest configured = whatsapp.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                        urlPathEqualTo("/waha/api/sessions/shop")))
                .getLast();
        JsonNode webhook = JSON.readTree(configured.getBodyAsString())
                .get("config")
                .get("webhooks")
                .get(0);
        assertThat(webhook.get("url").asString()).isEqualTo("https://bot.example.com/webhooks/waha/" + connection);
        assertThat(webhook.get("events").toString())
                .contains("\"message.any\"", "\"message.ack\"", "\"session.status\"")
                .doesNotContain("\"message\"");
        assertThat(webhook.get("hmac").get("key").asString()).isEqualTo("waha-hmac-key");
        assertThat(configured.getHeader("X-Api-Key")).isEqualTo("waha-api-key");
        assertThat(api().http()
                        .get()
                        .uri("/api/v1/tenants/demo/channels/" + connection + "/session/qr")
                        .header("Authorization", "Bearer " + API_KEY)
                        .retrieve()
                        .body(byte[].class))
                .startsWith((byte) 0x89, (byte) 'P');

        String number = number();
        String chat = number + "@c.us";
        waha(
                connection,
                "{\"event\":\"session.status\",\"session\":\"shop\",\"id\":\"evt_" + number
                        + "\",\"payload\":{\"status\":\"WORKING\"}}");
        assertThat(waha(connection, wahaMessage("false_" + chat + "_A1", chat, false, "Do you open on Sundays?"))
                        .statusCode())
                .isEqualTo(200);
        List<LoggedRequest> sent = await(() -> wahaSent(chat, 1), "a WAHA send");
        JsonNode text = JSON.readTree(sent.getFirst().getBodyAsString());
        assertThat(text.get("session").asString()).isEqualTo("shop");
        assertThat(text.get("chatId").asString()).isEqualTo(chat);
        await(
                () -> "WORKING"
                                .equals(api().get("/api/v1/tenants/demo/channels/" + connection)
                                        .getBody()
                                        .path("sessionStatus")
                                        .asString())
                        ? true
                        : null,
                "the session status");

        // Our own message comes back as fromMe, with the id WAHA gave us for it: not a person.
        awaitSettled(connection);
        String ours = jdbc.sql("select provider_message_id from outbox_message where connection_id = :c")
                .param("c", java.util.UUID.fromString(connection))
                .query(String.class)
                .single();
        waha(connection, wahaMessage(ours, chat, true, text.get("text").asString(), "api"));
        // The owner answers from the phone: a person has the chat now.
        waha(connection, wahaMessage("true_" + chat + "_B1", chat, true, "Hi! Ana here, yes we open 10-14.", "app"));
        await(
                () -> "with_agent"
                                .equals(conversationOf(chat)
                                        .get("conversation")
                                        .get("state")
                                        .asString())
                        ? true
                        : null,
                "the takeover from the phone");
        assertThat(messages(conversationOf(chat), "agent")).hasSize(1);
        waha(connection, wahaMessage("false_" + chat + "_A2", chat, false, "Great, thanks"));
        await(() -> messages(conversationOf(chat), "customer").size() == 2 ? true : null, "the customer's thanks");
        awaitSettled(connection);
        assertThat(wahaSent(chat, 1)).hasSize(1);
    }

    // ---- helpers ----

    private String metaConnection() {
        var created = api().postJson(
                        "/api/v1/tenants/demo/channels",
                        "{\"provider\":\"meta\",\"name\":\"Main number\",\"identifiers\":{\"phoneNumberId\":\"1111\","
                                + "\"businessAccountId\":\"2222\"},\"secrets\":{\"appSecret\":\"" + APP_SECRET
                                + "\",\"accessToken\":\"meta-access-token\",\"verifyToken\":\"verify-me\"}}");
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().get("secrets").get("appSecret").asString()).doesNotContain(APP_SECRET);
        return created.getBody().get("id").asString();
    }

    private static String number() {
        return "34" + NUMBERS.incrementAndGet();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    static String metaText(String from, String wamid, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"2222","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"1111"},
                "contacts":[{"profile":{"name":"Sam"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","text":{"body":"%s"},"type":"text"}]},
                "field":"messages"}]}]}""".formatted(from, from, wamid, Instant.now().getEpochSecond(), text);
    }

    private static String metaStatus(String recipient, String wamid, String status) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"2222","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"1111"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"}]},"field":"messages"}]}]}""".formatted(wamid, status, Instant.now().getEpochSecond(), recipient);
    }

    private HttpResponse<String> meta(String connection, String body) throws Exception {
        return send(
                "/webhooks/meta/" + connection,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Hub-Signature-256",
                        "sha256=" + hex(hmac("HmacSHA256", APP_SECRET, body))));
    }

    private static String wahaMessage(String id, String chat, boolean fromMe, String body) {
        return wahaMessage(id, chat, fromMe, body, "app");
    }

    /** A {@code message.any} event as WAHA sends it; {@code source} says where a fromMe message came from. */
    static String wahaMessage(String id, String chat, boolean fromMe, String body, String source) {
        return "{\"event\":\"message.any\",\"session\":\"shop\",\"engine\":\"WEBJS\",\"payload\":{\"id\":\""
                + id + "\",\"timestamp\":" + Instant.now().getEpochSecond() + ",\"from\":\""
                + (fromMe ? "34999@c.us" : chat) + "\",\"to\":\"" + (fromMe ? chat : "34999@c.us") + "\",\"fromMe\":"
                + fromMe + ",\"source\":\"" + source + "\",\"body\":" + JSON.writeValueAsString(body)
                + ",\"hasMedia\":false}}";
    }

    private HttpResponse<String> waha(String connection, String body) throws Exception {
        return send(
                "/webhooks/waha/" + connection,
                body,
                Map.of(
                        "Content-Type", "application/json",
                        "X-Webhook-Hmac", hex(hmac("HmacSHA512", "waha-hmac-key", body)),
                        "X-Webhook-Hmac-Algorithm", "sha512"));
    }

    private List<LoggedRequest> wahaSent(String chat, int atLeast) {
        var found = whatsapp.findAll(
                postRequestedFor(urlPathEqualTo("/waha/api/sendText")).withRequestBody(containing(chat)));
        return found.size() >= atLeast ? found : null;
    }

    private HttpResponse<String> send(String path, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<LoggedRequest> sentTo(String number) {
        return whatsapp.findAll(postRequestedFor(urlPathEqualTo("/graph/1111/messages"))
                .withRequestBody(containing("\"to\":\"" + number + "\"")));
    }

    private List<LoggedRequest> awaitSent(String number, int count) {
        return await(() -> sentTo(number).size() >= count ? sentTo(number) : null, count + " send(s) to " + number);
    }

    private JsonNode conversationOf(String number) {
        return await(
                () -> {
                    String tail = number.replaceAll("\\D", "");
                    tail = tail.substring(tail.length() - 4);
                    for (JsonNode conversation : api().get("/api/v1/tenants/demo/conversations?limit=500")
                            .getBody()) {
                        if (conversation.get("customer").asString("").endsWith(tail)
                                && conversation.get("channel").asString().equals("whatsapp")) {
                            return api().get("/api/v1/tenants/demo/conversations/"
                                            + conversation.get("id").asString())
                                    .getBody();
                        }
                    }
                    return null;
                },
                "the conversation of " + number);
    }

    private static List<JsonNode> messages(JsonNode thread, String role) {
        List<JsonNode> messages = new ArrayList<>();
        for (JsonNode message : thread.get("messages")) {
            if (message.get("role").asString().equals(role)) {
                messages.add(message);
            }
        }
        return messages;
    }

    private static JsonNode lastMessage(JsonNode thread, String role) {
        return messages(thread, role).getLast();
    }

    private void awaitDelivery(String number, String delivery) {
        await(
                () -> {
                    List<JsonNode> bot = messages(conversationOf(number), "bot");
                    return !bot.isEmpty()
                                    && delivery.equals(
                                            bot.getLast().path("delivery").asString())
                            ? true
                            : null;
                },
                "delivery " + delivery + " for " + number);
    }

    private JsonNode outbox(String connection, String number) {
        for (JsonNode entry : api().get("/api/v1/tenants/demo/channels/" + connection + "/outbox")
                .getBody()) {
            if (entry.get("customer").asString().endsWith(number.substring(number.length() - 4))) {
                return entry;
            }
        }
        throw new AssertionError("Nothing in the outbox for " + number);
    }

    private String sentWamid(String connection, String number) {
        return jdbc.sql("select provider_message_id from outbox_message where id = :id")
                .param(
                        "id",
                        java.util.UUID.fromString(
                                outbox(connection, number).get("id").asString()))
                .query(String.class)
                .single();
    }

    private int inboxCount() {
        return jdbc.sql("select count(*) from inbox_event").query(Integer.class).single();
    }

    private static <T> T await(Supplier<T> probe, String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).until(probe::get, Objects::nonNull);
    }

    /**
     * Waits until the connection's webhook events are all handled and its messages all sent or dead: whatever the
     * events were to cause has then happened.
     */
    private void awaitSettled(String connection) {
        Awaitility.await("the events of " + connection + " handled and their messages sent")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.sql("""
                                select (select count(*) from inbox_event where connection_id = :connection
                                          and status in ('PENDING', 'PROCESSING'))
                                     + (select count(*) from outbox_message where connection_id = :connection
                                          and status in ('PENDING', 'SENDING', 'UNKNOWN'))
                                """)
                                .param("connection", java.util.UUID.fromString(connection))
                                .query(Integer.class)
                                .single(),
                        n -> n == 0);
    }

    static byte[] hmac(String algorithm, String key, String body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String twilioSignature(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("twilio-auth-token".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    private static String temp() {
        try {
            return Files.createTempDirectory("grounded-whatsapp-it").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shared webhook payloads, read in place. */
    static final class WebhookBytes {
        static byte[] read(String relative) throws java.io.IOException {
            return Files.readAllBytes(dev.grounded.testing.SharedDatasets.path("whatsapp/" + relative));
        }
    }
}
