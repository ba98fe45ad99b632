package dev.grounded.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.AppProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Kills the application (SIGKILL, a separate JVM, embedded profile) the instant it has acknowledged a webhook while
 * others are in flight, five times over the same data directory, and checks that every webhook it acknowledged is in
 * its inbox afterwards: an acknowledgement is a promise, whatever the database does with its write buffers.
 */
class DurableAckIT {

    private static final String KEY = "durable-ack-api-key-0123456789";
    private static final String SECRET = "durable-ack-secret";
    private static final int ROUNDS = 5;
    private static final int SENDERS = 4;

    @Test
    void everyAcknowledgedWebhookSurvivesAKillRightAfterItsAcknowledgement() throws Exception {
        var graph = new WireMockServer(options().dynamicPort());
        graph.start();
        graph.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.durable-reply\"}]}")));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path data = Files.createTempDirectory("grounded-durable-ack");
        int port = AppProcess.freePort();
        List<String> args = List.of(
                "--server.port=" + port,
                "--grounded.data-dir=" + data,
                "--grounded.bootstrap.api-key=" + KEY,
                "--grounded.bootstrap.admin-password=durable-ack-password",
                "--grounded.llm.order=openai",
                "--grounded.llm.providers.openai.api-key=",
                "--grounded.llm.providers.gemini.api-key=",
                "--grounded.llm.providers.anthropic.api-key=",
                "--grounded.whatsapp.graph-url=" + graph.baseUrl() + "/graph",
                "--grounded.whatsapp.rate-limit=100000");
        var api = new ApiClient(port, KEY);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger justBeforeKill = new AtomicInteger();
        String connection = null;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                Process app = AppProcess.start(args, "durable-ack-" + round);
                try {
                    AppProcess.awaitUp(api, "durable-ack-" + round);
                    if (connection == null) {
                        connection = api.postJson(
                                        "/api/v1/tenants/demo/channels",
                                        "{\"provider\":\"meta\",\"name\":\"Main\",\"identifiers\":{\"phoneNumberId\":"
                                                + "\"1111\",\"businessAccountId\":\"2222\"},\"secrets\":{\"appSecret\":\""
                                                + SECRET + "\",\"accessToken\":\"t\",\"verifyToken\":\"v\"}}")
                                .getBody()
                                .get("id")
                                .asString();
                    }
                    justBeforeKill.addAndGet(
                            burstUntilKilled(app, port, connection, round, 20 + random.nextInt(60), acknowledged));
                } finally {
                    app.destroyForcibly().waitFor();
                }
            }
        } finally {
            graph.stop();
        }

        Set<String> stored = new HashSet<>();
        try (var c = DriverManager.getConnection(
                        "jdbc:h2:file:" + data.resolve("grounded") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
                var rs = c.createStatement().executeQuery("select dedupe_key from inbox_event")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost)
                .as(
                        "acknowledged but not stored (seed %d, %d acknowledged, %d within 50 ms before a kill)",
                        seed, acknowledged.size(), justBeforeKill.get())
                .isEmpty();
        // The test proves something only if acknowledgements did come right before kills.
        assertThat(justBeforeKill.get()).isGreaterThanOrEqualTo(ROUNDS);
    }

    /**
     * Sends webhooks from several threads until {@code killAfter} of them were acknowledged, then kills the
     * application at once, from the thread that saw the last acknowledgement.
     *
     * @return how many acknowledgements came within 50 ms before the kill
     */
    private static int burstUntilKilled(
            Process app, int port, String connection, int round, int killAfter, Set<String> acknowledged)
            throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + port + "/webhooks/meta/" + connection);
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong killedAt = new AtomicLong();
        Map<String, Long> ackedAt = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            senders.execute(() -> {
                while (!killed.get()) {
                    int n = sequence.incrementAndGet();
                    String wamid = "wamid.durable-" + round + "-" + n;
                    String body = WhatsAppChannelIT.metaText(
                            String.valueOf(34_600_000_000L + n % 50), wamid, "Question " + n + " of round " + round);
                    HttpResponse<String> response;
                    try {
                        response = http.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Content-Type", "application/json")
                                        .header(
                                                "X-Hub-Signature-256",
                                                "sha256="
                                                        + WhatsAppChannelIT.hex(
                                                                WhatsAppChannelIT.hmac("HmacSHA256", SECRET, body)))
                                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (response.statusCode() != 200) {
                        continue;
                    }
                    long now = System.nanoTime();
                    acknowledged.add("message:" + wamid);
                    ackedAt.put(wamid, now);
                    if (acks.incrementAndGet() >= killAfter && killed.compareAndSet(false, true)) {
                        app.destroyForcibly();
                        killedAt.set(System.nanoTime());
                    }
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        long kill = killedAt.get();
        return (int) ackedAt.values().stream()
                .filter(at -> kill - at <= TimeUnit.MILLISECONDS.toNanos(50))
                .count();
    }
}
