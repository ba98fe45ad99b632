package dev.grounded.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.Provider;
import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.ConnectionStore;
import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review's attacks against the running application (loopback only): SSRF through a WAHA connection's URL, large
 * bodies before authentication, sign-in guessing and forgery, a removed user's session, keys that must die, formula
 * cells, over-long provider fields. The test's own listener stands where an attacker would aim: it must see nothing.
 * The only internal address the operator allows here is 127.0.0.2, where the fake WAHA runs.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.demo-tenant=false",
            "grounded.egress.allow=127.0.0.2",
            "grounded.whatsapp.timeout=10s",
            "vaadin.devmode.devTools.enabled=false"
        })
class SecurityAttackIT {

    private static final TenantId TENANT = TenantId.of("attack");
    private static final String ADMIN = "attack-admin";
    private static final String PASSWORD = "attack-password-0123";
    private static final String HMAC = "attack-waha-hmac-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA = temp();

    /** Where an attacker would aim: every connection it accepts is counted. */
    private static final Trap TRAP = new Trap();

    private static final WireMockServer WAHA = startWaha();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("grounded.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    TenantService tenants;

    @Autowired
    UserAccountService users;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    ConnectionStore store;

    private final HttpClient http = HttpClient.newHttpClient();
    private static String adminKey;

    @BeforeEach
    void tenantWithAnAdminAndItsKey() {
        if (tenants.find(TENANT).isEmpty()) {
            tenants.create(TENANT, "Attack", false);
            users.create(ADMIN, PASSWORD, TENANT, Role.ADMIN);
            adminKey = apiKeys.create(TENANT, "attack admin", Role.ADMIN).secret();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        WAHA.stop();
        TRAP.close();
    }

    @Test
    void everySsrfProbeIsRefusedBeforeAnyConnectionIsMade() throws Exception {
        int trap = TRAP.port();
        List<String> probes = List.of(
                "http://127.0.0.1:" + trap,
                "http://localhost:" + trap,
                "http://[::1]:" + trap,
                "http://0.0.0.0:" + trap,
                "http://2130706433:" + trap,
                "http://127.1:" + trap,
                "http://0x7f000001:" + trap,
                "http://[::ffff:127.0.0.1]:" + trap,
                "http://169.254.169.254/latest/meta-data",
                "http://user:pass@127.0.0.2:" + WAHA.port(),
                "http://127.0.0.2:" + WAHA.port() + "/waha?x=",
                "http://127.0.0.2:" + WAHA.port() + "/waha#",
                "file:///etc/passwd",
                "gopher://127.0.0.1:" + trap + "/");
        String allowed = created(waha("http://127.0.0.2:" + WAHA.port() + "/waha"));
        for (String probe : probes) {
            HttpResponse<String> create = api("POST", "/channels", waha(probe));
            assertThat(create.statusCode()).as(probe).isEqualTo(400);
            HttpResponse<String> update = api(
                    "PUT",
                    "/channels/" + allowed,
                    "{\"identifiers\":{\"baseUrl\":" + JSON.writeValueAsString(probe) + ",\"session\":\"default\"}}");
            assertThat(update.statusCode()).as(probe).isEqualTo(400);
        }
        assertThat(TRAP.accepted()).as("connections the probes made").isZero();
    }

    /** A URL stored before the policy (or behind its back) is checked again where the client connects. */
    @Test
    void aStoredInternalUrlIsRefusedWhereTheClientConnects() throws Exception {
        for (String url : List.of("http://127.0.0.1:" + TRAP.port(), "http://localhost:" + TRAP.port())) {
            ConnectionId id = ConnectionId.random();
            store.insert(
                    new Connection(
                            id,
                            TENANT,
                            Provider.WAHA,
                            "Stored " + url,
                            Map.of("baseUrl", url, "session", "default"),
                            Map.of("apiKey", "k", "webhookHmacKey", HMAC),
                            null,
                            Instant.now()),
                    Instant.now());
            HttpResponse<String> status = api("GET", "/channels/" + id + "/session", null);
            assertThat(status.statusCode()).as(url).isEqualTo(502);
            assertThat(status.body()).contains("refused");
            assertThat(api("GET", "/channels/" + id + "/session/qr", null).statusCode())
                    .isEqualTo(502);
        }
        assertThat(TRAP.accepted()).isZero();
    }

    @Test
    void anAllowedGatewayWorksButItsRedirectsAndBodiesGoNowhere() throws Exception {
        String connection = created(waha("http://127.0.0.2:" + WAHA.port() + "/waha"));
        WAHA.stubFor(get(urlPathEqualTo("/waha/api/sessions/default"))
                .willReturn(okJson("{\"name\":\"default\",\"status\":\"SCAN_QR_CODE\"}")));
        var png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
        WAHA.stubFor(get(urlPathEqualTo("/waha/api/default/auth/qr"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png.toByteArray())));
        HttpResponse<String> status = api("GET", "/channels/" + connection + "/session", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).get("sessionStatus").asString()).isEqualTo("SCAN_QR_CODE");
        assertThat(bytes("/channels/" + connection + "/session/qr")).isEqualTo(png.toByteArray());

        // A redirect to the trap is an answer, not a place to go.
        WAHA.stubFor(get(urlPathEqualTo("/waha/api/sessions/default"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + TRAP.port() + "/api/sessions/default")));
        assertThat(api("GET", "/channels/" + connection + "/session", null).statusCode())
                .isEqualTo(502);

        // What the gateway says is logged, never handed back.
        WAHA.stubFor(get(urlPathEqualTo("/waha/api/sessions/default"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"statusCode\":500,\"message\":\"SECRET-UPSTREAM root:x:0:0\"}")));
        HttpResponse<String> failed = api("GET", "/channels/" + connection + "/session", null);
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).doesNotContain("SECRET").contains("did not accept");
        WAHA.stubFor(get(urlPathEqualTo("/waha/api/default/auth/qr"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "image/png")
                        .withBody("<html>SECRET-INTERNAL-PAGE</html>")));
        HttpResponse<String> qr = api("GET", "/channels/" + connection + "/session/qr", null);
        assertThat(qr.statusCode()).isEqualTo(502);
        assertThat(qr.body()).doesNotContain("SECRET");
        // An over-long status from the gateway is refused, not stored.
        WAHA.stubFor(get(urlPathEqualTo("/waha/api/sessions/default"))
                .willReturn(okJson("{\"status\":\"" + "W".repeat(40) + "\"}")));
        assertThat(api("GET", "/channels/" + connection + "/session", null).statusCode())
                .isEqualTo(502);
        assertThat(TRAP.accepted()).isZero();
    }

    /**
     * A gigabyte at a webhook: refused at once by its Content-Length or cut off at the cap when streamed, for an
     * unknown connection as for a real one, with the heap staying within 256 MB of where it was.
     */
    @Test
    void largeBodiesBeforeAuthenticationAreRefusedWithoutBeingHeld() throws Exception {
        String connection = created(waha("http://127.0.0.2:" + WAHA.port() + "/waha"));
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                Thread.onSpinWait();
            }
        });
        try {
            Sent unknown = gigabyte("/webhooks/meta/" + UUID.randomUUID(), false);
            assertThat(unknown.status()).isEqualTo(404);
            Sent declared = gigabyte("/webhooks/waha/" + connection, false);
            assertThat(declared.status()).isEqualTo(413);
            Sent streamed = gigabyte("/webhooks/waha/" + connection, true);
            assertThat(streamed.status()).isEqualTo(413);
            for (Sent sent : List.of(unknown, declared, streamed)) {
                assertThat(sent.written()).as("bytes the server took").isLessThan(256L << 20);
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(peak.get() - baseline).as("heap growth in bytes").isLessThan(256L << 20);
    }

    @Test
    void anOverLongProviderFieldIsABadRequest() throws Exception {
        String connection = created(waha("http://127.0.0.2:" + WAHA.port() + "/waha"));
        String body = "{\"event\":\"session.status\",\"session\":\"default\",\"id\":\"evt_long\","
                + "\"payload\":{\"status\":\"" + "X".repeat(40) + "\"}}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/webhooks/waha/" + connection))
                        .header("Content-Type", "application/json")
                        .header("X-Webhook-Hmac", hmac(body))
                        .header("X-Webhook-Hmac-Algorithm", "sha512")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void theSignInFormNeedsItsCsrfTokenAndBacksOffAfterFailures() throws Exception {
        String user = "attack-agent-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(user, PASSWORD, TENANT, Role.AGENT);
        Browserless visitor = new Browserless();
        assertThat(visitor.postLogin(user, PASSWORD, null).statusCode())
                .as("a sign-in without the form's token")
                .isEqualTo(403);
        assertThat(visitor.signIn(user, PASSWORD))
                .as("the form, with its token")
                .doesNotContain("error", "blocked");

        Browserless guesser = new Browserless();
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.signIn(user, "wrong-" + i)).contains("/login?error");
        }
        String afterGuesses = guesser.signIn(user, PASSWORD);
        assertThat(afterGuesses).as("the right password while blocked").contains("/login?blocked=");
        assertThat(new Browserless().signIn(user, PASSWORD))
                .as("from anyone, while the user is blocked")
                .contains("/login?blocked=");
    }

    @Test
    void aRemovedUsersOrAChangedRolesSessionEndsAtItsNextRequest() throws Exception {
        for (boolean remove : List.of(true, false)) {
            String user = "attack-gone-" + UUID.randomUUID().toString().substring(0, 8);
            users.create(user, PASSWORD, TENANT, Role.AGENT);
            Browserless session = new Browserless();
            assertThat(session.signIn(user, PASSWORD)).doesNotContain("error");
            assertThat(session.get("/inbox").statusCode()).isEqualTo(200);
            if (remove) {
                users.remove(TENANT, user);
            } else {
                users.changeRole(TENANT, user, Role.QA);
            }
            HttpResponse<String> next = session.get("/inbox");
            assertThat(next.statusCode())
                    .as(remove ? "removed" : "role changed")
                    .isEqualTo(302);
            assertThat(next.headers().firstValue("Location").orElse("")).contains("/login");
        }
    }

    @Test
    void keysAreListedByPrefixRotatedAndRevoked() throws Exception {
        JsonNode issued = JSON.readTree(api("POST", "/api-keys", "{\"name\":\"CRM sync\",\"role\":\"QA\"}")
                .body());
        String key = issued.get("key").asString();
        String id = issued.get("apiKey").get("id").asString();
        assertThat(as(key, "GET", "/documents").statusCode()).isEqualTo(200);
        assertThat(as(key, "POST", "/quick-replies").statusCode())
                .as("QA writes nothing")
                .isEqualTo(403);
        String listed = api("GET", "/api-keys", null).body();
        assertThat(listed).contains("CRM sync", key.substring(0, 12)).doesNotContain(key);

        JsonNode rotated =
                JSON.readTree(api("POST", "/api-keys/" + id + "/rotate", "").body());
        String next = rotated.get("key").asString();
        assertThat(as(key, "GET", "/documents").statusCode())
                .as("the rotated key")
                .isEqualTo(401);
        assertThat(as(next, "GET", "/documents").statusCode()).isEqualTo(200);
        assertThat(api("DELETE", "/api-keys/" + rotated.get("apiKey").get("id").asString(), null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(as(next, "GET", "/documents").statusCode())
                .as("the revoked key")
                .isEqualTo(401);
    }

    @Test
    void exportedCsvCellsCannotRunAsFormulasAndImportBackUnchanged() throws Exception {
        String label = "=cmd|' /C calc'!A0";
        assertThat(api(
                                "POST",
                                "/quick-replies",
                                "{\"label\":" + JSON.writeValueAsString(label)
                                        + ",\"answer\":\"+1+1\",\"keywords\":[\"@SUM(1)\"]}")
                        .statusCode())
                .isEqualTo(201);
        String csv = api("GET", "/quick-replies/export?format=csv", null).body();
        assertThat(csv).contains("'=cmd", "'+1+1", "'@SUM(1)").doesNotContain(",=cmd", ",+1+1", "\n=cmd");
        assertThat(api("DELETE", "/quick-replies/" + idOf(label), null).statusCode())
                .isEqualTo(204);
        String boundary = "b" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> imported = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/tenants/attack/quick-replies/import"))
                        .header("Authorization", "Bearer " + adminKey)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(multipart))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).isEqualTo(200);
        JsonNode back =
                JSON.readTree(api("GET", "/quick-replies/" + idOf(label), null).body());
        assertThat(back.get("answer").asString()).isEqualTo("+1+1");
        assertThat(back.get("keywords").get(0).asString()).isEqualTo("@SUM(1)");
    }

    @Test
    void theDataDirectoryIsTheServersAlone() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA.resolve("data.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void consolePagesCarryAContentSecurityPolicyAndReferrerPolicy() throws Exception {
        HttpResponse<String> login = new Browserless().get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        List<String> sessionCookies = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID"))
                .toList();
        assertThat(sessionCookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie)
                .contains("SameSite=Lax", "HttpOnly"));
        // Behind a TLS proxy on the local network that says so, the cookie is only ever sent over TLS.
        HttpResponse<String> proxied = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/login"))
                                .header("X-Forwarded-Proto", "https")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("JSESSIONID"))
                        .toList())
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("Secure"));
    }

    private String idOf(String label) throws Exception {
        for (JsonNode reply : JSON.readTree(api("GET", "/quick-replies", null).body())) {
            if (label.equals(reply.get("label").asString())) {
                return reply.get("id").asString();
            }
        }
        throw new AssertionError("No quick reply " + label);
    }

    private static String waha(String baseUrl) throws Exception {
        return "{\"provider\":\"waha\",\"name\":\"WAHA\",\"identifiers\":{\"baseUrl\":"
                + JSON.writeValueAsString(baseUrl) + ",\"session\":\"default\"},\"secrets\":{\"apiKey\":\"k\","
                + "\"webhookHmacKey\":\"" + HMAC + "\"}}";
    }

    private String created(String draft) throws Exception {
        HttpResponse<String> response = api("POST", "/channels", draft);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        return as(adminKey, method, path, body);
    }

    private HttpResponse<String> as(String key, String method, String path) throws Exception {
        return as(key, method, path, method.equals("GET") ? null : "{\"label\":\"l\",\"answer\":\"a\"}");
    }

    private HttpResponse<String> as(String key, String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/tenants/attack" + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/tenants/attack" + path))
                        .header("Authorization", "Bearer " + adminKey)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private record Sent(int status, long written) {}

    /**
     * Sends a gigabyte's request (declared by Content-Length, or streamed in chunks), reading the answer while writing
     * until the server answers and stops taking bytes.
     */
    private Sent gigabyte(String path, boolean chunked) throws Exception {
        long size = 1L << 30;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] head = in.readNBytes(12);
                    return new String(head, StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long written = 0;
            try {
                while (written < size && !answer.isDone()) {
                    if (chunked) {
                        out.write(chunkHead);
                    }
                    out.write(block);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    written += block.length;
                }
            } catch (IOException serverStoppedTakingBytes) {
                // What a server that refuses the body does.
            }
            String status = answer.get();
            Matcher code = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(status);
            assertThat(code.find()).as("an HTTP answer: " + status).isTrue();
            return new Sent(Integer.parseInt(code.group(1)), written);
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(HMAC.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The console as a client without JavaScript sees it: its session cookie, the sign-in form and its token. */
    private final class Browserless {

        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Signs in as the page's form does; returns where it was sent next. */
        String signIn(String user, String password) throws Exception {
            String page = get("/login").body();
            Matcher token =
                    Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
            assertThat(token.find())
                    .as("the sign-in page carries its CSRF token")
                    .isTrue();
            HttpResponse<String> response = postLogin(user, password, token.group(1));
            assertThat(response.statusCode()).isEqualTo(302);
            return response.headers().firstValue("Location").orElse("");
        }

        HttpResponse<String> postLogin(String user, String password, String token) throws Exception {
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + (token == null ? "" : "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            return client.send(
                    HttpRequest.newBuilder(URI.create(base() + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A listener on every loopback address that counts the connections made to it. */
    private static final class Trap implements AutoCloseable {

        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        Trap() {
            try {
                socket = new ServerSocket(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static WireMockServer startWaha() {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());
        server.start();
        return server;
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("grounded-attack-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
