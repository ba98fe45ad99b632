package dev.grounded.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sun.management.OperatingSystemMXBean;
import dev.grounded.GroundedApplication;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.PostgresTestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A loopback load driver against the Meta webhook endpoint of the running application, in either storage profile.
 *
 * <ol>
 *   <li>Acknowledgements: 16 concurrent clients post signed, distinct message webhooks as fast as they are answered,
 *       for 15 s after a warm-up until the JIT compiler is quiet, to an instance that only receives ({@code grounded.whatsapp.workers=0}): acks
 *       per second and ack latency p50/p99. Every ack means the event is durably in the inbox.
 *   <li>Replies: a fresh instance with the demo knowledge ingested and an instant fake LLM (WireMock), warmed up at the
 *       measured rate until the JIT compiler is quiet, receives 50 messages a second for 30 s from distinct
 *       customers (open loop: sent on schedule whatever the answers); each
 *       reply's latency runs from the webhook being sent to the fake Graph API receiving the answer. Replies per
 *       second and latency p50/p95/p99.
 * </ol>
 *
 * <p>Run with {@code scripts/benchmark-webhooks.sh [embedded|postgres]}; not part of {@code ./mvnw verify}.
 */
public final class WebhookLoadBenchmark {

    private static final String KEY = "webhook-benchmark-api-key-0123";
    private static final String SECRET = "benchmark-app-secret";
    /** Questions the demo knowledge answers; the fault driver asks them too. */
    static final List<String> QUESTIONS = List.of(
            "How much does Fibre 1000 cost per month?",
            "What download speed does Fibre 300 give?",
            "Is there an installation fee?",
            "How do I cancel my contract?",
            "What are your opening hours?");

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "embedded";
        String phase = args.length > 1 ? args[1] : "all";
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        var llm = new WireMockServer(options()
                .dynamicPort()
                .containerThreads(32)
                .disableRequestJournal()
                .gzipDisabled(true)
                .extensions(new FakeGroundedModel()));
        var graph = new WireMockServer(options()
                .dynamicPort()
                .containerThreads(32)
                .disableRequestJournal()
                .gzipDisabled(true));
        llm.start();
        graph.start();
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withTransformers("fake-grounded-model")));
        graph.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.bench\"}]}")));
        try {
            if (!phase.equals("replies")) {
                acknowledgements(profile, llm, graph);
            }
            if (!phase.equals("acks")) {
                replies(profile, llm, rate);
            }
        } catch (Exception | Error e) {
            // A failed run must end: its scheduler's threads would keep the JVM, and its load, alive.
            e.printStackTrace();
            System.exit(1);
        } finally {
            llm.stop();
            graph.stop();
        }
        System.exit(0);
    }

    private static void acknowledgements(String profile, WireMockServer llm, WireMockServer graph) throws Exception {
        try (var app = App.start(
                profile,
                llm,
                graph,
                List.of("--grounded.whatsapp.workers=0", "--grounded.bootstrap.demo-tenant=true"))) {
            // Measured once the demo knowledge is ingested, so ingestion does not compete for the two cores.
            new ApiClient(app.port, KEY).awaitDocumentsFinished("demo", 3);
            String connection = app.connection();
            HttpClient http = HttpClient.newBuilder()
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            AtomicLong ids = new AtomicLong();
            int clients = 16;
            List<List<Long>> latencies = new ArrayList<>();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    List<Long> mine = new ArrayList<>();
                    latencies.add(mine);
                    pool.submit(() -> {
                        while (!stop.get()) {
                            long id = ids.incrementAndGet();
                            String body =
                                    message("34" + (600_000_000 + id % 5000), "wamid.ack-" + id, QUESTIONS.get((int)
                                            (id % QUESTIONS.size())));
                            long start = System.nanoTime();
                            int status = app.webhook(http, connection, body).statusCode();
                            long took = System.nanoTime() - start;
                            if (status != 200) {
                                stop.set(true);
                                throw new IllegalStateException("Webhook answered " + status);
                            }
                            if (measuring.get()) {
                                mine.add(took);
                            }
                        }
                        return null;
                    });
                }
                // The same warm-up as for replies: until the JIT compiler is quiet (at most 10 minutes).
                Instant warmStart = Instant.now();
                long[] compiled = {compileMillis()};
                try {
                    Awaitility.await("the JIT compiler quiet for 10 s")
                            .pollDelay(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofSeconds(10))
                            .atMost(Duration.ofMinutes(10))
                            .until(() -> {
                                long before = compiled[0];
                                compiled[0] = compileMillis();
                                return stop.get() || compiled[0] - before < 300;
                            });
                } catch (ConditionTimeoutException stillCompiling) {
                    System.out.println("acks warm-up: the JIT was still compiling after 10 minutes");
                }
                System.out.printf(
                        Locale.ROOT,
                        "%s acks warm-up: %d s until the JIT was quiet%n",
                        profile,
                        Duration.between(warmStart, Instant.now()).toSeconds());
                measuring.set(true);
                // The measuring window: 15 s of acknowledgements, every sender still going.
                Awaitility.await("15 s of acknowledgements without a failed webhook")
                        .during(Duration.ofSeconds(15))
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> !stop.get());
                measuring.set(false);
                stop.set(true);
            }
            long[] all = latencies.stream()
                    .flatMap(List::stream)
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "%s acks: %d in 15 s = %.0f acks/s, p50 %.1f ms, p99 %.1f ms (%d clients)%n",
                    profile,
                    all.length,
                    all.length / 15.0,
                    percentile(all, 50) / 1e6,
                    percentile(all, 99) / 1e6,
                    clients);
        }
    }

    private static void replies(String profile, WireMockServer llm, int rate) throws Exception {
        // The fakes keep no request journal (it costs CPU on the shared cores and grows all run long) and do not gzip
        // their answers: a real provider compresses on its own servers, here it would take our two cores.
        var received = new Receipts();
        var graph = new WireMockServer(options()
                .dynamicPort()
                .containerThreads(32)
                .disableRequestJournal()
                .gzipDisabled(true)
                .extensions(received));
        graph.start();
        graph.stubFor(post(urlPathEqualTo("/graph/1111/messages"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.bench\"}]}")));
        try (var app = App.start(profile, llm, graph, List.of("--grounded.bootstrap.demo-tenant=true"))) {
            new ApiClient(app.port, KEY).awaitDocumentsFinished("demo", 3);
            String connection = app.connection();
            HttpClient http = HttpClient.newBuilder()
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            // Warm-up at the measured rate until the JIT compiler is quiet: until then a reply costs several times
            // its steady-state CPU, and on two cores the compiler threads take up to half of them. C2 goes on
            // compiling large, deeply inlined framework methods for minutes (0.3-0.7 s each), so a fixed 20 s
            // measured mostly the compiler. Quiet: under 3% of the elapsed time spent compiling over 10 s.
            Instant warmStart = Instant.now();
            int warmUp = warmUp(app, http, connection, received, rate);
            System.out.printf(
                    Locale.ROOT,
                    "%s warm-up: %d messages in %d s until the JIT was quiet%n",
                    profile,
                    warmUp,
                    Duration.between(warmStart, Instant.now()).toSeconds());
            received.reset();
            app.vacuumAnalyze();

            int seconds = 30;
            int total = rate * seconds;
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            var scheduler = Executors.newScheduledThreadPool(2);
            var senders = Executors.newVirtualThreadPerTaskExecutor();
            var cpu = CpuUse.start();
            long compiledBefore = compileMillis();
            long startedAt = System.currentTimeMillis();
            for (int i = 0; i < total; i++) {
                int n = i;
                scheduler.schedule(
                        () -> senders.submit(() -> {
                            String number = "3480000" + (10_000 + n);
                            sentAt.put(number, System.currentTimeMillis());
                            return app.webhook(
                                            http, connection, message(number, "wamid.load-" + n, QUESTIONS.get(n % 5)))
                                    .statusCode();
                        }),
                        (long) n * 1000 / rate,
                        TimeUnit.MILLISECONDS);
            }
            received.await(total, Duration.ofSeconds(seconds + 90));
            String cpuPerReply = cpu.perUnit(total);
            long compiledDuring = compileMillis() - compiledBefore;
            scheduler.shutdown();
            // A second reply would come soon after the first: none may for a while after the last one.
            Awaitility.await("no customer getting a second reply")
                    .during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> received.duplicates() == 0);
            long[] latencies = new long[total];
            long last = 0;
            int i = 0;
            for (var reply : received.at().entrySet()) {
                latencies[i++] = reply.getValue() - sentAt.get(reply.getKey());
                last = Math.max(last, reply.getValue());
            }
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "%s replies at %d msg/s for %d s: %d replies, %.1f replies/s, latency p50 %d ms, p95 %d ms,"
                            + " p99 %d ms; CPU per reply: %s; JIT compiling %.1f s of the run%n",
                    profile,
                    rate,
                    seconds,
                    total,
                    total * 1000.0 / (last - startedAt),
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99),
                    cpuPerReply,
                    compiledDuring / 1000.0);
        } finally {
            graph.stop();
        }
    }

    /** When the fake Graph API received each customer's reply, and how many customers got a second one. */
    private static final class Receipts implements ServeEventListener {

        private final Map<String, Long> at = new ConcurrentHashMap<>();
        private final AtomicInteger duplicates = new AtomicInteger();

        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            long now = System.currentTimeMillis();
            String body = event.getRequest().getBodyAsString();
            int start = body.indexOf("\"to\":\"") + 6;
            if (at.putIfAbsent(body.substring(start, body.indexOf('"', start)), now) != null) {
                duplicates.incrementAndGet();
            }
        }

        @Override
        public String getName() {
            return "receipts";
        }

        Map<String, Long> at() {
            return at;
        }

        int duplicates() {
            return duplicates.get();
        }

        void reset() {
            at.clear();
            duplicates.set(0);
        }

        void await(int count, Duration timeout) {
            Awaitility.await(count + " customers to get a reply")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> at.size() >= count);
        }
    }

    /**
     * Sends warm-up messages at {@code rate} a second, in rounds of 10 s, until a round in which the JIT compiled for
     * under 3% of it (at most 10 minutes), and waits for their replies.
     *
     * @return how many messages it sent
     */
    private static int warmUp(App app, HttpClient http, String connection, Receipts received, int rate)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        int sent = 0;
        boolean quiet = false;
        while (!quiet && Instant.now().isBefore(deadline)) {
            long compiledBefore = compileMillis();
            int round = rate * 10;
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            List<ScheduledFuture<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < round; i++) {
                int n = sent + i;
                sends.add(scheduler.schedule(
                        () -> app.webhook(
                                        http,
                                        connection,
                                        message(
                                                "3470" + (100_000 + n),
                                                "wamid.warm-" + n,
                                                QUESTIONS.get(n % QUESTIONS.size())))
                                .statusCode(),
                        (long) i * 1000 / rate,
                        TimeUnit.MILLISECONDS));
            }
            for (ScheduledFuture<Integer> send : sends) {
                send.get();
            }
            scheduler.shutdown();
            sent += round;
            quiet = compileMillis() - compiledBefore < 300;
        }
        received.await(sent, Duration.ofMinutes(2));
        return sent;
    }

    private static long compileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * The CPU time spent while the load ran: this JVM's (the application, the driver and the fakes) and the rest of
     * the machine's (PostgreSQL, mostly), from /proc/stat. Steadier than latency near saturation, so changes that save
     * CPU show even when the tail is noisy.
     */
    private record CpuUse(long jvmAtStart, long ticksAtStart) {

        private static final long TICK_NANOS = 10_000_000L;

        static CpuUse start() {
            return new CpuUse(jvmNanos(), machineBusyTicks());
        }

        String perUnit(int units) {
            double jvm = (jvmNanos() - jvmAtStart) / 1e6 / units;
            double machine = (machineBusyTicks() - ticksAtStart) * (double) TICK_NANOS / 1e6 / units;
            if (machine == 0) {
                return String.format(Locale.ROOT, "this JVM %.1f ms (no /proc/stat for the rest)", jvm);
            }
            // The two clocks tick at different resolutions (10 ms ticks against nanoseconds): never below the JVM's.
            machine = Math.max(machine, jvm);
            return String.format(
                    Locale.ROOT, "%.1f ms (this JVM %.1f ms, the rest %.1f ms)", machine, jvm, machine - jvm);
        }

        private static long jvmNanos() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** user + nice + system + irq + softirq + steal ticks of all cores (USER_HZ, 100 a second on Linux). */
        private static long machineBusyTicks() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat"))
                        .getFirst()
                        .trim()
                        .split("\\s+");
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(cpu[i]);
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String message(String from, String wamid, String text) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2222\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
                + "\"phone_number_id\":\"1111\"},\"contacts\":[{\"profile\":{\"name\":\"Bench\"},\"wa_id\":\"" + from
                + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"" + text + "\"},\"type\":\"text\"}]},"
                + "\"field\":\"messages\"}]}]}";
    }

    private record App(ConfigurableApplicationContext context, int port, PostgresTestDatabase database)
            implements AutoCloseable {

        static App start(String profile, WireMockServer llm, WireMockServer graph, List<String> extra)
                throws Exception {
            PostgresTestDatabase database = profile.equals("postgres") ? PostgresTestDatabase.create() : null;
            List<String> arguments = new ArrayList<>(List.of(
                    "--grounded.data-dir=" + Files.createTempDirectory("grounded-webhook-bench"),
                    "--grounded.bootstrap.api-key=" + KEY,
                    "--grounded.bootstrap.admin-password=benchmark-password",
                    "--server.port=0",
                    "--logging.level.dev.grounded=WARN",
                    "--grounded.llm.order=openai",
                    "--grounded.llm.providers.openai.api-key=sk-bench",
                    "--grounded.llm.providers.openai.base-url=" + llm.baseUrl() + "/v1",
                    "--grounded.llm.providers.gemini.api-key=",
                    "--grounded.llm.providers.anthropic.api-key=",
                    "--grounded.whatsapp.graph-url=" + graph.baseUrl() + "/graph"));
            if (database != null) {
                arguments.add("--spring.profiles.active=postgres");
                arguments.add("--spring.datasource.url=" + database.url());
                arguments.add("--grounded.security.data-key=d2ViaG9vay1iZW5jaG1hcmstZGF0YS1rZXktMzJieXQ=");
            }
            arguments.addAll(extra);
            var context = new SpringApplicationBuilder(GroundedApplication.class).run(arguments.toArray(String[]::new));
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            return new App(context, port, database);
        }

        /**
         * What autovacuum would have done by now on a production server: this machine's PostgreSQL runs with it off,
         * so after the warm-up's thousands of messages the queue tables hold their dead row versions and no
         * statistics, and every claim wades through them.
         */
        void vacuumAnalyze() {
            if (database != null) {
                context.getBean(JdbcTemplate.class).execute("vacuum analyze");
            }
        }

        String connection() {
            return new ApiClient(port, KEY)
                    .postJson(
                            "/api/v1/tenants/demo/channels",
                            "{\"provider\":\"meta\",\"name\":\"Bench\",\"identifiers\":{\"phoneNumberId\":\"1111\","
                                    + "\"businessAccountId\":\"2222\"},\"secrets\":{\"appSecret\":\"" + SECRET
                                    + "\",\"accessToken\":\"t\",\"verifyToken\":\"v\"}}")
                    .getBody()
                    .get("id")
                    .asString();
        }

        HttpResponse<String> webhook(HttpClient http, String connection, String body) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/meta/" + connection))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", "sha256=" + sign(body))
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static String sign(String body) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            context.close();
            if (database != null) {
                database.close();
            }
        }
    }
}
