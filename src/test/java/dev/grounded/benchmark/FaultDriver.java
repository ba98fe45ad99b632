package dev.grounded.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.AppProcess;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults, end to end: N customers each write one message through signed webhooks (Meta, Twilio and WAHA, in their own
 * formats) at a steady rate to the application in a separate JVM, whose providers are fakes on loopback that answer
 * 429 with {@code Retry-After}, 500, slowly (past the app's timeout, after taking the message), or close the connection
 * (after taking the message, or before), and that echo what they took as the real ones do (Meta's status webhook with
 * our id, Twilio's status callback, WAHA's {@code message.any}), and answer Twilio's and WAHA's lookups. The application
 * is killed (SIGKILL) at points spread over the run, in turn right after an acknowledgement, while a provider holds one
 * of its sends, and at a random moment (mid-reply), and restarted at once; every webhook it did not acknowledge is
 * delivered again until it is, as the providers do. In the postgres profile PostgreSQL is restarted once under load.
 *
 * <p>It then prints what was sent, acknowledged and answered, what was lost (acknowledged, never answered) and what
 * was duplicated (the same reply delivered twice to a customer), with each duplicate's cause, and fails (exit 1) on a
 * lost message, on a Meta or Twilio duplicate, or when fewer kills happened than asked.
 *
 * <p>Run with {@code scripts/fault-driver.sh}; not part of {@code ./mvnw verify} (CI runs its short mode).
 */
public final class FaultDriver {

    private static final String KEY = "fault-driver-api-key-0123456789";
    private static final String META_SECRET = "fault-driver-meta-secret";
    private static final String TWILIO_TOKEN = "fault-driver-twilio-token";
    private static final String WAHA_KEY = "fault-driver-waha-hmac";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(2);

    enum Channel {
        META,
        TWILIO,
        WAHA
    }

    enum KillPoint {
        AFTER_ACK,
        MID_SEND,
        MID_REPLY
    }

    /** What a fake provider does with one send. */
    enum Outcome {
        OK(true),
        THROTTLED(false),
        ERROR(false),
        SLOW(true),
        CLOSED_AFTER(true),
        CLOSED_BEFORE(false),
        KILLED_MID_SEND(true);

        final boolean delivered;

        Outcome(boolean delivered) {
            this.delivered = delivered;
        }
    }

    record Options(String profile, int messages, int rate, int kills, List<Channel> channels, long seed) {

        static Options parse(String[] args) {
            String profile = "embedded";
            int messages = 500;
            int rate = 5;
            int kills = 6;
            List<Channel> channels = List.of(Channel.values());
            long seed = System.nanoTime();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "embedded", "postgres" -> profile = args[i];
                    case "--messages" -> messages = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Integer.parseInt(args[++i]);
                    case "--kills" -> kills = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--providers" ->
                        channels = List.of(args[++i].split(",")).stream()
                                .map(c -> Channel.valueOf(c.strip().toUpperCase(Locale.ROOT)))
                                .toList();
                    case "--short" -> {
                        messages = 90;
                        rate = 5;
                        kills = 3;
                    }
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
                }
            }
            return new Options(profile, messages, rate, kills, channels, seed);
        }
    }

    /** One customer and their one message. */
    static final class Customer {
        final Channel channel;
        final String number;
        final String question;
        final String messageId;
        volatile boolean acknowledged;
        final List<Delivered> replies = new CopyOnWriteArrayList<>();

        Customer(Channel channel, String number, String question, String messageId) {
            this.channel = channel;
            this.number = number;
            this.question = question;
            this.messageId = messageId;
        }
    }

    /** A message a fake provider took: it reached the customer. */
    record Delivered(String providerId, String text, String reference, Outcome outcome, Instant at) {}

    record Kill(KillPoint point, Instant at) {}

    private final Options options;
    private final Random random;
    private final Map<String, Customer> customers = new ConcurrentHashMap<>();
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final List<String> postgresRestarts = new CopyOnWriteArrayList<>();
    private final List<String> failedStarts = new CopyOnWriteArrayList<>();
    /** Kills waiting for their moment, in the order they were due. */
    private final Deque<KillPoint> armed = new ArrayDeque<>();

    private final Map<Outcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger webhookAttempts = new AtomicInteger();
    private final AtomicLong providerIds = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<HttpClient> http = new AtomicReference<>(client());
    private int port;
    private String publicUrl;
    private final Map<Channel, String> connections = new ConcurrentHashMap<>();
    private volatile Process app;
    private final AtomicInteger starts = new AtomicInteger();
    private List<String> appArguments;
    private final AtomicBoolean up = new AtomicBoolean();
    private volatile Instant startedAt = Instant.now();

    private FaultDriver(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new FaultDriver(Options.parse(args)).run();
        } catch (Throwable e) {
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "fault driver: %s profile, %d messages at %d/s over %s, %d kills, seed %d%n",
                options.profile(),
                options.messages(),
                options.rate(),
                options.channels(),
                options.kills(),
                options.seed());
        var llm = new WireMockServer(options().dynamicPort().extensions(new FakeGroundedModel()));
        llm.start();
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withTransformers("fake-grounded-model")));
        HttpServer fakes = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        fakes.createContext("/", this::provider);
        fakes.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        fakes.start();
        String fakesUrl = "http://127.0.0.1:" + fakes.getAddress().getPort();
        PostgresTestDatabase database = null;
        try {
            port = AppProcess.freePort();
            publicUrl = "http://127.0.0.1:" + port;
            // The product's defaults but for a shorter lease (an instance's death is noticed after 15 s, not 2 min) and
            // shorter retry delays, so that a run's kills do not make it long; the reconciliation wait is the default.
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=" + port,
                    "--grounded.data-dir=" + Files.createTempDirectory("grounded-fault-driver"),
                    "--grounded.bootstrap.api-key=" + KEY,
                    "--grounded.bootstrap.admin-password=fault-driver-password",
                    "--logging.level.dev.grounded=WARN",
                    "--grounded.llm.order=openai",
                    "--grounded.llm.providers.openai.api-key=sk-fault",
                    "--grounded.llm.providers.openai.base-url=" + llm.baseUrl() + "/v1",
                    "--grounded.llm.providers.gemini.api-key=",
                    "--grounded.llm.providers.anthropic.api-key=",
                    "--grounded.knowledge.poll-interval=200ms",
                    "--grounded.whatsapp.graph-url=" + fakesUrl + "/graph",
                    "--grounded.whatsapp.twilio-url=" + fakesUrl + "/twilio",
                    "--grounded.egress.allow=127.0.0.1",
                    "--grounded.whatsapp.public-url=" + publicUrl,
                    "--grounded.whatsapp.rate-limit=1000",
                    "--grounded.whatsapp.timeout=" + APP_TIMEOUT.toMillis() + "ms",
                    "--grounded.whatsapp.lease=15s",
                    "--grounded.whatsapp.poll-interval=250ms",
                    "--grounded.whatsapp.retry-initial=500ms",
                    "--grounded.whatsapp.retry-max=5s"));
            if (options.profile().equals("postgres")) {
                database = PostgresTestDatabase.create();
                arguments.add("--spring.profiles.active=postgres");
                arguments.add("--spring.datasource.url=" + database.url());
                arguments.add("--grounded.security.data-key=ZmF1bHQtZHJpdmVyLWRhdGEta2V5LW9mLTMyLWJ5dGU=");
            }
            appArguments = arguments;
            startApp();
            awaitUp();
            ApiClient api = new ApiClient(port, KEY);
            api.awaitDocumentsFinished("demo", 3);
            connect(api, fakesUrl);
            Thread supervisor = Thread.ofVirtual().start(this::supervise);

            load();
            boolean settled = settle(api);
            stopping.set(true);
            supervisor.interrupt();
            return report(api, settled);
        } finally {
            stopping.set(true);
            Process last = app;
            if (last != null) {
                last.destroyForcibly().waitFor();
            }
            fakes.stop(0);
            llm.stop();
            if (database != null) {
                database.close();
            }
        }
    }

    // ---- the application ----

    private void startApp() throws IOException {
        up.set(false);
        startedAt = Instant.now();
        app = AppProcess.start(appArguments, "fault-driver-" + starts.incrementAndGet());
    }

    /**
     * Waits for the health endpoint, through a client of its own: the shared one carries hundreds of deliveries that
     * failed while the application was down.
     */
    private void awaitUp() {
        Process starting = app;
        Instant startedAt = this.startedAt;
        try (HttpClient health = HttpClient.newHttpClient()) {
            Awaitility.await("the application up (target/fault-driver-" + starts.get() + ".log)")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .pollInSameThread()
                    .until(() -> !starting.isAlive() || healthy(health));
        }
        if (!starting.isAlive()) {
            if (killedSince(startedAt)) {
                // Killed by this driver once it answered a webhook or sent, before its health check was seen.
                return;
            }
            throw new IllegalStateException(
                    "the application died while starting (target/fault-driver-" + starts.get() + ".log)");
        }
        up.set(true);
    }

    private boolean healthy(HttpClient health) {
        try {
            return health.send(
                                    HttpRequest.newBuilder(URI.create(publicUrl + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Restarts the application whenever it dies, until the run ends; one that does not come up within five minutes is
     * killed and started again (and the run reports it). A kill meant for a moment it was starting comes once it is
     * up again and busy with what waited for it.
     */
    private void supervise() {
        while (!stopping.get()) {
            try {
                app.waitFor();
                if (stopping.get()) {
                    return;
                }
                startApp();
                awaitUp();
                if (next() == KillPoint.MID_REPLY) {
                    Thread.sleep(1_000 + random(2_000));
                    if (take(KillPoint.MID_REPLY)) {
                        kill(KillPoint.MID_REPLY);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failedStarts.add(e.toString());
                System.out.println("restart failed, starting again: " + e);
                Process stuck = app;
                if (stuck != null) {
                    stuck.destroyForcibly();
                }
            }
        }
    }

    private boolean killedSince(Instant at) {
        return kills.stream().anyMatch(kill -> !kill.at().isBefore(at));
    }

    /**
     * Kills the application and waits for it to be gone; a kill that finds it gone already (another kill got there
     * first) goes back to the front of the queue for the next instance.
     */
    private void kill(KillPoint point) {
        synchronized (armed) {
            Process current = app;
            if (current == null || !current.isAlive()) {
                armed.addFirst(point);
                return;
            }
            up.set(false);
            current.destroyForcibly();
            try {
                current.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            kills.add(new Kill(point, Instant.now()));
        }
    }

    /**
     * Arms a kill at the next acknowledgement or send; kills mid-reply at once, or, while the application is starting,
     * once it is up.
     */
    private void arm(KillPoint point) {
        synchronized (armed) {
            if (point == KillPoint.MID_REPLY && up.get() && armed.isEmpty()) {
                kill(point);
            } else {
                armed.addLast(point);
            }
        }
    }

    private KillPoint next() {
        synchronized (armed) {
            return armed.peekFirst();
        }
    }

    /** Takes the next armed kill when it is one at {@code point}. */
    private boolean take(KillPoint point) {
        synchronized (armed) {
            if (armed.peekFirst() == point) {
                armed.removeFirst();
                return true;
            }
            return false;
        }
    }

    private void connect(ApiClient api, String fakesUrl) {
        connections.put(
                Channel.META,
                api.postJson(
                                "/api/v1/tenants/demo/channels",
                                "{\"provider\":\"meta\",\"name\":\"Meta\",\"identifiers\":{\"phoneNumberId\":\"1111\","
                                        + "\"businessAccountId\":\"2222\"},\"secrets\":{\"appSecret\":\"" + META_SECRET
                                        + "\",\"accessToken\":\"t\",\"verifyToken\":\"v\"}}")
                        .getBody()
                        .get("id")
                        .asString());
        connections.put(
                Channel.TWILIO,
                api.postJson(
                                "/api/v1/tenants/demo/channels",
                                "{\"provider\":\"twilio\",\"name\":\"Twilio\",\"identifiers\":{\"accountSid\":"
                                        + "\"AC123\",\"sender\":\"+14155238886\"},\"secrets\":{\"authToken\":\""
                                        + TWILIO_TOKEN + "\"}}")
                        .getBody()
                        .get("id")
                        .asString());
        connections.put(
                Channel.WAHA,
                api.postJson(
                                "/api/v1/tenants/demo/channels",
                                "{\"provider\":\"waha\",\"name\":\"WAHA\",\"identifiers\":{\"baseUrl\":\"" + fakesUrl
                                        + "/waha\",\"session\":\"default\"},\"secrets\":{\"apiKey\":\"k\","
                                        + "\"webhookHmacKey\":\"" + WAHA_KEY + "\"}}")
                        .getBody()
                        .get("id")
                        .asString());
    }

    // ---- the load ----

    /** The customers' messages at a steady rate, kills spread over the same time. */
    private void load() {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / options.rate();
        long span = interval * options.messages();
        List<Long> killsAt = new ArrayList<>();
        for (int k = 0; k < options.kills(); k++) {
            killsAt.add(start + span * (2L * k + 1) / (2L * options.kills()));
        }
        KillPoint[] points = KillPoint.values();
        int nextKill = 0;
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < options.messages(); i++) {
                long due = start + i * interval;
                while (nextKill < killsAt.size() && killsAt.get(nextKill) <= due) {
                    KillPoint point = points[nextKill % points.length];
                    long delay = killsAt.get(nextKill) - System.nanoTime();
                    scheduler.schedule(() -> arm(point), Math.max(0, delay), TimeUnit.NANOSECONDS);
                    nextKill++;
                }
                Channel channel = options.channels().get(i % options.channels().size());
                String number = "34" + (611_000_000 + i);
                Customer customer = new Customer(
                        channel,
                        number,
                        WebhookLoadBenchmark.QUESTIONS.get(random.nextInt(WebhookLoadBenchmark.QUESTIONS.size())),
                        channel.name().toLowerCase(Locale.ROOT) + "-in-" + i + "-" + options.seed());
                customers.put(key(channel, number), customer);
                long delay = due - System.nanoTime();
                scheduler.schedule(
                        () -> threads.execute(() -> deliverUntilAcknowledged(customerWebhook(customer), customer)),
                        Math.max(0, delay),
                        TimeUnit.NANOSECONDS);
            }
            if (options.profile().equals("postgres")) {
                scheduler.schedule(this::restartPostgres, span / 2, TimeUnit.NANOSECONDS);
            }
            while (nextKill < killsAt.size()) {
                KillPoint point = points[nextKill % points.length];
                scheduler.schedule(
                        () -> arm(point), Math.max(0, killsAt.get(nextKill) - System.nanoTime()), TimeUnit.NANOSECONDS);
                nextKill++;
            }
            scheduler.shutdown();
            Awaitility.await("every message sent and acknowledged")
                    .atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> scheduler.isTerminated()
                            && customers.values().stream().allMatch(c -> c.acknowledged));
        } finally {
            scheduler.shutdownNow();
        }
        // The last kill may still wait for its moment (the next send, or the application up again).
        try {
            Awaitility.await("the last kill")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> next() == null);
        } catch (ConditionTimeoutException e) {
            synchronized (armed) {
                armed.clear();
            }
        }
    }

    /** PostgreSQL restarted under load: every connection the application holds breaks at once. */
    private void restartPostgres() {
        String cluster = System.getenv().getOrDefault("GROUNDED_PG_CLUSTER", "15 main");
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster"));
        command.addAll(List.of(cluster.split("\\s+")));
        command.add("restart");
        try {
            Instant started = Instant.now();
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            postgresRestarts.add("pg_ctlcluster " + cluster + " restart: exit " + exit + " after "
                    + Duration.between(started, Instant.now()).toMillis() + " ms");
        } catch (IOException e) {
            postgresRestarts.add("pg_ctlcluster failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(Channel channel, String number) {
        return channel + ":" + number.replaceAll("\\D", "");
    }

    /** A webhook as its provider sends it. */
    record Webhook(String url, String body, Map<String, String> headers) {}

    /** Delivers a webhook until the application acknowledges it, as the providers do. */
    private void deliverUntilAcknowledged(Webhook webhook, Customer customer) {
        long backoff = 200;
        while (!stopping.get()) {
            webhookAttempts.incrementAndGet();
            try {
                var request = HttpRequest.newBuilder(URI.create(webhook.url()))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8));
                webhook.headers().forEach(request::header);
                HttpClient client = http.get();
                int status;
                try {
                    status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    if (broken(e)) {
                        // The JDK client's selector gave up (it can, after a storm of refused connections while
                        // the application was down): every later request would fail the same way.
                        if (http.compareAndSet(client, client())) {
                            client.shutdown();
                        }
                    }
                    throw e;
                }
                if (status == 200) {
                    if (customer != null) {
                        customer.acknowledged = true;
                        if (take(KillPoint.AFTER_ACK)) {
                            kill(KillPoint.AFTER_ACK);
                        } else if (up.get() && take(KillPoint.MID_REPLY)) {
                            // A mid-reply kill that waited behind another: now, while replies are being made.
                            kill(KillPoint.MID_REPLY);
                        }
                    }
                    return;
                }
            } catch (IOException e) {
                // down or restarting: delivered again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff + random(backoff));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 2_000);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    private static boolean broken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private synchronized long random(long bound) {
        return (long) (random.nextDouble() * bound);
    }

    private Webhook customerWebhook(Customer customer) {
        String connection = connections.get(customer.channel);
        return switch (customer.channel) {
            case META ->
                meta(connection, """
                    {"object":"whatsapp_business_account","entry":[{"id":"2222","changes":[{"value":{
                    "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"1111"},
                    "contacts":[{"profile":{"name":"Customer"},"wa_id":"%s"}],
                    "messages":[{"from":"%s","id":"wamid.%s","timestamp":"%d","text":{"body":"%s"},"type":"text"}]},
                    "field":"messages"}]}]}""".formatted(
                                customer.number,
                                customer.number,
                                customer.messageId,
                                Instant.now().getEpochSecond(),
                                customer.question));
            case TWILIO -> {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("SmsMessageSid", "SM" + customer.messageId);
                form.put("NumMedia", "0");
                form.put("ProfileName", "Customer");
                form.put("MessageType", "text");
                form.put("SmsSid", "SM" + customer.messageId);
                form.put("WaId", customer.number);
                form.put("SmsStatus", "received");
                form.put("Body", customer.question);
                form.put("To", "whatsapp:+14155238886");
                form.put("NumSegments", "1");
                form.put("MessageSid", "SM" + customer.messageId);
                form.put("AccountSid", "AC123");
                form.put("From", "whatsapp:+" + customer.number);
                form.put("ApiVersion", "2010-04-01");
                yield twilio(publicUrl + "/webhooks/twilio/" + connection, form);
            }
            case WAHA ->
                waha(
                        connection,
                        wahaMessage(
                                "false_" + customer.number + "@c.us_" + customer.messageId,
                                customer.number + "@c.us",
                                false,
                                customer.question));
        };
    }

    private Webhook meta(String connection, String body) {
        return new Webhook(
                publicUrl + "/webhooks/meta/" + connection,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Hub-Signature-256",
                        "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", META_SECRET, body))));
    }

    private static Webhook twilio(String url, Map<String, String> form) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> signed.append(name).append(value));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new Webhook(
                url,
                body,
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-Twilio-Signature",
                        Base64.getEncoder().encodeToString(hmac("HmacSHA1", TWILIO_TOKEN, signed.toString()))));
    }

    private Webhook waha(String connection, String body) {
        return new Webhook(
                publicUrl + "/webhooks/waha/" + connection,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Webhook-Hmac",
                        HexFormat.of().formatHex(hmac("HmacSHA512", WAHA_KEY, body)),
                        "X-Webhook-Hmac-Algorithm",
                        "sha512"));
    }

    private static String wahaMessage(String id, String chat, boolean fromMe, String body) {
        return "{\"event\":\"message.any\",\"session\":\"default\",\"engine\":\"WEBJS\",\"payload\":{\"id\":\"" + id
                + "\",\"timestamp\":" + Instant.now().getEpochSecond() + ",\"from\":\""
                + (fromMe ? "34999000000@c.us" : chat) + "\",\"to\":\"" + (fromMe ? chat : "34999000000@c.us")
                + "\",\"fromMe\":" + fromMe + ",\"source\":\"" + (fromMe ? "api" : "app") + "\",\"body\":"
                + JSON.writeValueAsString(body) + ",\"hasMedia\":false}}";
    }

    private static byte[] hmac(String algorithm, String key, String body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the fake providers ----

    private void provider(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (method.equals("POST") && path.equals("/graph/1111/messages")) {
            JsonNode message = JSON.readTree(body);
            send(
                    exchange,
                    Channel.META,
                    message.path("to").asString(),
                    message.path("text").path("body").asString(null),
                    message.path("biz_opaque_callback_data").asString(null),
                    null);
        } else if (method.equals("POST") && path.equals("/twilio/2010-04-01/Accounts/AC123/Messages.json")) {
            Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
            String callback = form.get("StatusCallback");
            send(
                    exchange,
                    Channel.TWILIO,
                    form.get("To"),
                    form.get("Body"),
                    callback == null ? null : callback.substring(callback.indexOf("outbox=") + "outbox=".length()),
                    callback);
        } else if (method.equals("GET") && path.equals("/twilio/2010-04-01/Accounts/AC123/Messages.json")) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            Customer customer = customers.get(key(Channel.TWILIO, query.getOrDefault("To", "")));
            List<Map<String, String>> messages = new ArrayList<>();
            if (customer != null) {
                for (Delivered reply : customer.replies) {
                    messages.add(Map.of(
                            "sid",
                            reply.providerId(),
                            "body",
                            reply.text(),
                            "status",
                            "sent",
                            "date_created",
                            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                    reply.at().atZone(ZoneOffset.UTC))));
                }
            }
            respond(exchange, 200, JSON.writeValueAsString(Map.of("messages", messages)));
        } else if (method.equals("POST") && path.equals("/waha/api/sendText")) {
            JsonNode message = JSON.readTree(body);
            send(
                    exchange,
                    Channel.WAHA,
                    message.path("chatId").asString(),
                    message.path("text").asString(null),
                    null,
                    null);
        } else if (method.equals("GET") && path.startsWith("/waha/api/default/chats/")) {
            String chat = URLDecoder.decode(path.split("/")[5], StandardCharsets.UTF_8);
            Customer customer = customers.get(key(Channel.WAHA, chat.replace("@c.us", "")));
            List<Map<String, Object>> messages = new ArrayList<>();
            if (customer != null) {
                for (Delivered reply : customer.replies) {
                    messages.add(Map.of(
                            "id", reply.providerId(),
                            "fromMe", true,
                            "body", reply.text(),
                            "timestamp", reply.at().getEpochSecond()));
                }
            }
            respond(exchange, 200, JSON.writeValueAsString(messages));
        } else {
            respond(exchange, 200, "{}");
        }
    }

    private void send(HttpExchange exchange, Channel channel, String to, String text, String reference, String callback)
            throws IOException {
        Customer customer = customers.get(key(channel, to.replace("@c.us", "")));
        Outcome outcome = take(KillPoint.MID_SEND) ? Outcome.KILLED_MID_SEND : outcome();
        outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        String id =
                switch (channel) {
                    case META -> "wamid.out-" + providerIds.incrementAndGet();
                    case TWILIO -> "SM" + providerIds.incrementAndGet();
                    case WAHA -> "true_" + to + "_OUT" + providerIds.incrementAndGet();
                };
        if (outcome.delivered && customer != null) {
            customer.replies.add(new Delivered(id, text, reference, outcome, Instant.now()));
            threads.execute(() -> echo(channel, customer, id, text, reference, callback));
        }
        switch (outcome) {
            case OK -> respond(exchange, channel == Channel.TWILIO ? 201 : 200, answer(channel, id));
            case SLOW -> {
                try {
                    Thread.sleep(APP_TIMEOUT.plusSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, answer(channel, id));
            }
            case THROTTLED -> {
                if (channel == Channel.META && random(2) == 0) {
                    respond(
                            exchange,
                            400,
                            "{\"error\":{\"message\":\"(#131056) pair rate limit hit\",\"code\":131056}}");
                } else {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    respond(exchange, 429, "{\"code\":20429,\"message\":\"Too Many Requests\"}");
                }
            }
            case ERROR -> respond(exchange, 500, "{\"message\":\"Internal Server Error\"}");
            case KILLED_MID_SEND -> {
                kill(KillPoint.MID_SEND);
                throw new IOException("killed mid-send: the connection closes unanswered");
            }
            case CLOSED_AFTER, CLOSED_BEFORE -> throw new IOException("the connection closes unanswered");
        }
    }

    /** 4% throttled, 4% 500, 3% slow, 2% closed after taking the message, 2% closed before; the rest go. */
    private synchronized Outcome outcome() {
        double roll = random.nextDouble();
        if (roll < 0.04) {
            return Outcome.THROTTLED;
        } else if (roll < 0.08) {
            return Outcome.ERROR;
        } else if (roll < 0.11) {
            return Outcome.SLOW;
        } else if (roll < 0.13) {
            return Outcome.CLOSED_AFTER;
        } else if (roll < 0.15) {
            return Outcome.CLOSED_BEFORE;
        }
        return Outcome.OK;
    }

    private static String answer(Channel channel, String id) {
        return switch (channel) {
            case META -> "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + id + "\"}]}";
            case TWILIO -> "{\"sid\":\"" + id + "\",\"status\":\"queued\"}";
            case WAHA -> "{\"id\":\"" + id + "\"}";
        };
    }

    /** What the provider tells about a message it took: Meta's status, Twilio's callback, WAHA's echo. */
    private void echo(Channel channel, Customer customer, String id, String text, String reference, String callback) {
        String connection = connections.get(channel);
        Webhook webhook =
                switch (channel) {
                    case META ->
                        meta(connection, """
                            {"object":"whatsapp_business_account","entry":[{"id":"2222","changes":[{"value":{
                            "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"1111"},
                            "statuses":[{"id":"%s","status":"sent","timestamp":"%d","recipient_id":"%s"%s}]},
                            "field":"messages"}]}]}""".formatted(
                                id,
                                Instant.now().getEpochSecond(),
                                customer.number,
                                reference == null ? "" : ",\"biz_opaque_callback_data\":\"" + reference + "\""));
                    case TWILIO -> {
                        if (callback == null) {
                            yield null;
                        }
                        Map<String, String> form = new LinkedHashMap<>();
                        form.put("SmsSid", id);
                        form.put("SmsStatus", "sent");
                        form.put("MessageStatus", "sent");
                        form.put("ChannelPrefix", "whatsapp");
                        form.put("To", "whatsapp:+" + customer.number);
                        form.put("MessageSid", id);
                        form.put("AccountSid", "AC123");
                        form.put("From", "whatsapp:+14155238886");
                        form.put("ApiVersion", "2010-04-01");
                        yield twilio(callback, form);
                    }
                    case WAHA -> waha(connection, wahaMessage(id, customer.number + "@c.us", true, text));
                };
        if (webhook != null) {
            deliverUntilAcknowledged(webhook, null);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    // ---- the outcome ----

    /**
     * Waits until every acknowledged message has an answer and no connection has a message left to send or in doubt:
     * nothing more can be sent then.
     */
    private boolean settle(ApiClient api) {
        try {
            Awaitility.await("every message answered and the outboxes empty")
                    .atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> up.get()
                            && customers.values().stream().allMatch(c -> !c.replies.isEmpty())
                            && connections.values().stream().allMatch(connection -> unsent(api, connection) == 0));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static int unsent(ApiClient api, String connection) {
        int count = 0;
        for (String status : List.of("pending", "sending", "unknown")) {
            count += api.get("/api/v1/tenants/demo/channels/" + connection + "/outbox?status=" + status + "&limit=10")
                    .getBody()
                    .size();
        }
        return count;
    }

    private int report(ApiClient api, boolean settled) {
        Map<String, String> reconciliations = new ConcurrentHashMap<>();
        for (String connection : connections.values()) {
            try {
                for (JsonNode entry : api.get("/api/v1/tenants/demo/channels/" + connection + "/outbox?limit=1000")
                        .getBody()) {
                    if (entry.hasNonNull("reconciliation")) {
                        reconciliations.put(
                                entry.get("id").asString(),
                                entry.get("reconciliation").asString());
                    }
                }
            } catch (RuntimeException e) {
                System.out.println("(the outbox of " + connection + " could not be read: " + e.getMessage() + ")");
            }
        }
        int failures = 0;
        System.out.printf(
                Locale.ROOT,
                "kills: %d (%s); restarts: %d; webhook deliveries: %d; provider outcomes: %s%n",
                kills.size(),
                kills.stream()
                        .map(k -> k.point().name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")),
                starts.get() - 1,
                webhookAttempts.get(),
                new TreeMap<>(outcomes));
        postgresRestarts.forEach(restart -> System.out.println("postgres: " + restart));
        if (!failedStarts.isEmpty()) {
            // An instance started while PostgreSQL restarts cannot start; an orchestrator starts it again, as here.
            System.out.println("starts that failed and were retried: " + failedStarts);
        }
        if (options.profile().equals("postgres") && postgresRestarts.stream().noneMatch(r -> r.contains("exit 0"))) {
            System.out.println("PostgreSQL was not restarted");
            failures++;
        }
        if (!settled) {
            System.out.println("NOT SETTLED within 10 minutes: some messages were never answered");
        }
        for (Channel channel : options.channels()) {
            List<Customer> mine = customers.values().stream()
                    .filter(c -> c.channel == channel)
                    .toList();
            long acknowledged = mine.stream().filter(c -> c.acknowledged).count();
            long replies = mine.stream().mapToLong(c -> c.replies.size()).sum();
            List<Customer> lost = mine.stream()
                    .filter(c -> c.acknowledged && c.replies.isEmpty())
                    .toList();
            List<String> duplicates = new ArrayList<>();
            for (Customer customer : mine) {
                Map<String, List<Delivered>> byText =
                        customer.replies.stream().collect(Collectors.groupingBy(Delivered::text));
                byText.forEach((text, copies) -> {
                    if (copies.size() > 1) {
                        duplicates.add(customer.number + ": " + copies.size() + " copies, "
                                + copies.stream()
                                        .map(d -> d.outcome().name().toLowerCase(Locale.ROOT)
                                                + (d.reference() != null && reconciliations.containsKey(d.reference())
                                                        ? " [" + reconciliations.get(d.reference()) + "]"
                                                        : ""))
                                        .collect(Collectors.joining("; ")));
                    }
                });
            }
            long reconciled = mine.stream()
                    .flatMap(c -> c.replies.stream())
                    .filter(d -> d.reference() != null && reconciliations.containsKey(d.reference()))
                    .count();
            System.out.printf(
                    Locale.ROOT,
                    "%-6s sent %d, acknowledged %d, replies %d, lost %d, duplicated %d%s%n",
                    channel.name().toLowerCase(Locale.ROOT),
                    mine.size(),
                    acknowledged,
                    replies,
                    lost.size(),
                    duplicates.size(),
                    reconciled > 0 ? " (" + reconciled + " replies reconciled after an unknown outcome)" : "");
            lost.forEach(c -> System.out.println("  lost: " + c.number + " (" + c.messageId + ")"));
            duplicates.forEach(d -> System.out.println("  duplicate: " + d));
            failures += lost.size();
            if (channel != Channel.WAHA) {
                failures += duplicates.size();
            }
        }
        if (kills.size() < options.kills()) {
            System.out.println("only " + kills.size() + " of " + options.kills() + " kills happened");
            failures++;
        }
        System.out.println(failures == 0 && settled ? "RESULT: PASS" : "RESULT: FAIL");
        return failures == 0 && settled ? 0 : 1;
    }
}
