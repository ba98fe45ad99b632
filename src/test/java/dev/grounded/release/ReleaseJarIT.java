package dev.grounded.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.grounded.testing.ApiClient;
import dev.grounded.testing.AppProcess;
import dev.grounded.testing.Browser;
import dev.grounded.testing.Docx;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.Patience;
import dev.grounded.testing.PostgresTestDatabase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The artifact users deploy: {@code target/grounded.jar}, built by the README's build command, started with {@code
 * java -jar} as an operator would, once embedded (no server, no AI provider: the first run of a new user) and once in
 * the postgres profile (with an OpenAI-compatible provider faked on loopback). In each, a browser signs in, uploads a
 * file, waits for it to be ready and asks about it in the Playground; then the operator's view: Prometheus metrics
 * behind the operator's credentials, the OpenAPI description (valid, and naming every endpoint of the README's
 * table), JSON logs that parse line by line and hold no phone number.
 */
class ReleaseJarIT {

    private static final Path JAR = Path.of("target", "grounded.jar");
    private static final String PASSWORD = "release-check-password";
    private static final String KEY = "grd_release_check_key_0123456789abcdef";
    private static final String PHONE = "+34611222333";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void theJarIsBuilt() {
        if (!Files.isRegularFile(JAR)) {
            fail(JAR + " is missing: run the README's build command (./mvnw package), or ./mvnw verify, which builds"
                    + " it before the integration tests");
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(Browser.PATIENCE_MS);
    }

    @Test
    void theEmbeddedJarServesTheWholeProductWithoutAnyServerOrKey() throws Exception {
        Path data = Files.createTempDirectory("grounded-release-embedded");
        try (var app = Jar.start("release-embedded", data, List.of(), Map.of())) {
            useTheConsole(app.port, false);
            operate(app, false);
        }
    }

    @Test
    void thePostgresJarServesTheWholeProduct() throws Exception {
        var llm = new WireMockServer(options().dynamicPort().extensions(new FakeGroundedModel()));
        llm.start();
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()));
        try (var database = PostgresTestDatabase.create()) {
            Path data = Files.createTempDirectory("grounded-release-postgres");
            var arguments = List.of(
                    "--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + database.url(),
                    "--grounded.llm.order=openai");
            var environment = Map.of(
                    "GROUNDED_DATA_KEY", "cmVsZWFzZS1jaGVjay1kYXRhLWtleS0zMi1ieXRlcyE=",
                    "OPENAI_API_KEY", "sk-release-check",
                    "OPENAI_BASE_URL", llm.baseUrl() + "/v1");
            try (var app = Jar.start("release-postgres", data, arguments, environment)) {
                useTheConsole(app.port, true);
                operate(app, true);
            }
        } finally {
            llm.stop();
        }
    }

    /** Signs in, uploads a Word file, waits for it to be ready and asks about it in the Playground. */
    private static void useTheConsole(int port, boolean withProvider) throws IOException {
        try (var browser = Browser.launch()) {
            Page page = browser.signedIn(port, "admin", PASSWORD, 1366, 900);
            byte[] docx = new Docx()
                    .heading(1, "Release check")
                    .paragraph("The Quillfeather lounge opens every Tuesday at seven in the evening for members.")
                    .build();
            page.locator("#upload input[type=file]")
                    .setInputFiles(new FilePayload(
                            "quillfeather.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            docx));
            Locator documents = page.locator("#documents");
            // Titled by its file name.
            assertThat(documents).containsText("quillfeather");
            // The demo's three documents and this one.
            assertThat(documents.getByText("Ready")).hasCount(4, new HasCountOptions().setTimeout(Browser.PATIENCE_MS));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                    .click();
            page.locator("#question input").fill("When does the Quillfeather lounge open?");
            page.locator("#ask").click();
            assertThat(page.locator("#answer")).containsText("Tuesday");
            assertThat(page.locator("#sources")).containsText("quillfeather");
            assertThat(page.locator("#answer")).containsText(withProvider ? "by openai" : "by extractive");

            // The API's description, as a signed-in admin browses it.
            var apiDocs = page.request().get("http://localhost:" + port + "/v3/api-docs");
            assertThat(apiDocs.status()).isEqualTo(200);
            checkOpenApi(apiDocs.text());
        }
    }

    private static void checkOpenApi(String document) throws IOException {
        var parsed = new OpenAPIV3Parser().readContents(document);
        assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
        var openApi = parsed.getOpenAPI();
        assertThat(openApi.getComponents().getSecuritySchemes().get("apiKey").getScheme())
                .isEqualTo("bearer");
        // A documented template covers a README path when its parameters stand where the README names a segment
        // (the webhooks are one mapping, /webhooks/{provider}/{connection}, the README lists each provider's).
        List<Pattern> documented = openApi.getPaths().keySet().stream()
                .map(path -> Pattern.compile(Pattern.quote(shape(path)).replace("{}", "\\E[^/]+\\Q")))
                .toList();
        Set<String> missing = readmeEndpoints().stream()
                .filter(path ->
                        documented.stream().noneMatch(t -> t.matcher(path).matches()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing)
                .as("endpoints of the README's table the OpenAPI description lacks")
                .isEmpty();
    }

    /** Every full path in the README's API table, optional parts both with and without. */
    static Set<String> readmeEndpoints() throws IOException {
        Set<String> paths = new TreeSet<>();
        Matcher cell = Pattern.compile("`(?:GET|POST|PUT|DELETE|PATCH)[^`]*?(/(?:api|webhooks)/[^`\\s]*)`")
                .matcher(Files.readString(Path.of("README.md")));
        while (cell.find()) {
            String path = cell.group(1).replaceAll("\\?.*$", "");
            List<String> variants = new ArrayList<>(List.of(path));
            Matcher optional = Pattern.compile("\\[([^\\]]*)]").matcher(path);
            if (optional.find()) {
                variants = List.of(optional.replaceAll(""), optional.replaceAll("$1"));
            }
            variants.forEach(p -> paths.add(shape(p)));
        }
        assertThat(paths).as("endpoints read from the README's table").hasSizeGreaterThan(20);
        return paths;
    }

    /** A path with its parameters' names left out, since the README abbreviates them ({t} for {tenant}). */
    private static String shape(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }

    /** The operator's view of the running jar. */
    private static void operate(Jar app, boolean withProvider) throws Exception {
        // A customer with a phone number, so the log has had the chance to hold one.
        var api = new ApiClient(app.port, KEY);
        var answer = api.ask("demo", "When does the Quillfeather lounge open?", null, PHONE);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);

        var http = HttpClient.newHttpClient();
        var anonymous = http.send(
                HttpRequest.newBuilder(app.url("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        String metrics = http.send(
                        HttpRequest.newBuilder(app.url("/actuator/prometheus"))
                                .header("Authorization", basic("admin", PASSWORD))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics).contains("grounded_replies_seconds");
        if (withProvider) {
            assertThat(metrics).contains("resilience4j_circuitbreaker_state{").contains("name=\"openai\"");
        }
        var health = http.send(
                HttpRequest.newBuilder(app.url("/actuator/health"))
                        .header("Authorization", basic("admin", PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var components = JSON.readTree(health.body()).get("components");
        assertThat(components.propertyNames())
                .contains("db", "knowledgeIndex", "embeddingModel", "whatsappConnections", "chatProviders");
        var readiness = http.send(
                HttpRequest.newBuilder(app.url("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);

        List<String> lines = Files.readAllLines(app.log, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThan(20);
        for (String line : lines) {
            assertThat(JSON.readTree(line).isObject())
                    .as("a JSON object: %s", line)
                    .isTrue();
            assertThat(line).doesNotContain(PHONE.substring(1)).doesNotContain("611222333");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code java -jar target/grounded.jar} in its own process, with JSON logs, stopped (and awaited) on close. */
    private record Jar(Process process, int port, Path log) implements AutoCloseable {

        static Jar start(String name, Path data, List<String> arguments, Map<String, String> environment)
                throws IOException {
            int port = AppProcess.freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g",
                    "-jar",
                    JAR.toString(),
                    "--server.port=" + port));
            command.addAll(arguments);
            Path log = Path.of("target", name + ".log");
            var builder = new ProcessBuilder(command)
                    .redirectOutput(log.toFile())
                    .redirectError(Path.of("target", name + ".err.log").toFile());
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("GROUNDED_DATA_DIR", data.toString());
            env.put("GROUNDED_ADMIN_PASSWORD", PASSWORD);
            env.put("GROUNDED_API_KEY", KEY);
            env.put("GROUNDED_LOG_FORMAT", "ecs");
            builder.environment().putAll(env);
            var jar = new Jar(builder.start(), port, log);
            try {
                Patience.await("java -jar " + JAR + " to be ready (see " + log + ")")
                        .failFast("the jar exited (see " + log + ")", () -> !jar.process.isAlive())
                        .ignoreExceptions()
                        .until(() -> HttpClient.newHttpClient()
                                        .send(
                                                HttpRequest.newBuilder(jar.url("/actuator/health/readiness"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200);
            } catch (RuntimeException | Error e) {
                jar.close();
                throw e;
            }
            return jar;
        }

        URI url(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
