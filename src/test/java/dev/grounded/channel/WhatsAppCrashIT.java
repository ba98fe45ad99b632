package dev.grounded.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.AppProcess;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kills the application (SIGKILL, a real separate JVM, postgres profile) after it acknowledged a customer's message
 * and while the reply is being generated, restarts it on the same database, and checks the customer gets exactly one
 * reply: the event's lease runs out, the new process claims it, and nothing the dead one started is sent.
 */
class WhatsAppCrashIT {

    private static final String KEY = "whatsapp-crash-api-key-0123456789";
    private static final String NUMBER = "34600777888";

    @Test
    void aReplyInterruptedByKillDashNineIsSentOnceAfterRestart() throws Exception {
        var llm = new WireMockServer(options().dynamicPort().extensions(new FakeGroundedModel()));
        var graph = new WireMockServer(options().dynamicPort());
        llm.start();
        graph.start();
        graph.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.crash-reply\"}]}")));
        // The first process's model never answers in time: the reply is in flight when it dies.
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .writeValueAsString(FakeGroundedModel.completion("too late")))
                        .withFixedDelay(120_000)));
        try (var database = PostgresTestDatabase.create()) {
            Path data = Files.createTempDirectory("grounded-whatsapp-crash");
            int port = AppProcess.freePort();
            List<String> args = List.of(
                    "--spring.profiles.active=postgres",
                    "--grounded.security.data-key=d2hhdHNhcHAtY3Jhc2gtdGVzdC1kYXRhLWtleS0zMmI=",
                    "--spring.datasource.url=" + database.url(),
                    "--grounded.data-dir=" + data,
                    "--grounded.llm.order=openai",
                    "--grounded.llm.providers.openai.api-key=sk-test",
                    "--grounded.llm.providers.openai.base-url=" + llm.baseUrl() + "/v1",
                    "--grounded.llm.providers.gemini.api-key=",
                    "--grounded.llm.providers.anthropic.api-key=",
                    "--grounded.whatsapp.graph-url=" + graph.baseUrl() + "/graph",
                    "--grounded.whatsapp.lease=5s",
                    "--grounded.whatsapp.poll-interval=500ms");
            var api = new ApiClient(port, KEY);

            Process first = start(port, args, "first");
            String connection;
            try {
                awaitUp(api);
                api.awaitDocumentsFinished("demo", 3);
                connection = api.postJson(
                                "/api/v1/tenants/demo/channels",
                                "{\"provider\":\"meta\",\"name\":\"Main\",\"identifiers\":{\"phoneNumberId\":\"1111\","
                                        + "\"businessAccountId\":\"2222\"},\"secrets\":{\"appSecret\":\"crash-secret\","
                                        + "\"accessToken\":\"t\",\"verifyToken\":\"v\"}}")
                        .getBody()
                        .get("id")
                        .asString();
                String body = WhatsAppChannelIT.metaText(
                        NUMBER, "wamid.crash-in", "How much does Fibre 1000 cost per month?");
                var ack = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/webhooks/meta/" + connection))
                                        .header("Content-Type", "application/json")
                                        .header(
                                                "X-Hub-Signature-256",
                                                "sha256="
                                                        + WhatsAppChannelIT.hex(WhatsAppChannelIT.hmac(
                                                                "HmacSHA256", "crash-secret", body)))
                                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(ack.statusCode()).isEqualTo(200);
                awaitTrue(
                        () -> !llm.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")))
                                .isEmpty(),
                        "the reply to reach the model");
                assertThat(status(database)).isEqualTo("PROCESSING");
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(graph.findAll(postRequestedFor(urlPathEqualTo("/graph/1111/messages"))))
                    .isEmpty();

            llm.resetAll();
            llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                    .willReturn(aResponse().withTransformers("fake-grounded-model")));
            Process second = start(port, args, "second");
            try {
                awaitUp(api);
                awaitTrue(() -> !sent(graph).isEmpty(), "the reply after the restart");
                awaitTrue(() -> unsent(database) == 0, "the outbox to have nothing left to send");
                assertThat(sent(graph)).hasSize(1);
                assertThat(sent(graph).getFirst().getBodyAsString())
                        .contains(NUMBER)
                        .contains("44.90");
                assertThat(status(database)).isEqualTo("DONE");
            } finally {
                second.destroyForcibly().waitFor();
            }
        } finally {
            llm.stop();
            graph.stop();
        }
    }

    private static List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent(WireMockServer graph) {
        return graph.findAll(
                postRequestedFor(urlPathEqualTo("/graph/1111/messages")).withRequestBody(containing(NUMBER)));
    }

    private static String status(PostgresTestDatabase database) throws Exception {
        try (var c = DriverManager.getConnection(database.url());
                var s = c.prepareStatement(
                        "select status from inbox_event where dedupe_key = 'message:wamid.crash-in'")) {
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The event's state and the messages still to send: once it is DONE and none are, nothing more can go. */
    private static int unsent(PostgresTestDatabase database) {
        try (var c = DriverManager.getConnection(database.url());
                var s = c.prepareStatement("""
                        select (select count(*) from inbox_event where status in ('PENDING', 'PROCESSING'))
                             + (select count(*) from outbox_message where status in ('PENDING', 'SENDING', 'UNKNOWN'))
                        """)) {
            var rs = s.executeQuery();
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process start(int port, List<String> extra, String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--grounded.bootstrap.api-key=" + KEY,
                "--grounded.bootstrap.admin-password=crash-test-password",
                "--grounded.knowledge.poll-interval=200ms"));
        arguments.addAll(extra);
        return AppProcess.start(arguments, "whatsapp-crash-" + name);
    }

    private static void awaitUp(ApiClient api) throws InterruptedException {
        AppProcess.awaitUp(api, "whatsapp-crash-*");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofMinutes(2)).until(condition::getAsBoolean);
    }
}
