package dev.grounded.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app in the embedded profile (H2 file database, Lucene index, ONNX embeddings) on a random port, with a
 * fresh data directory, the demo tenant and known credentials. Subclasses share one application context.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.api-key=" + EmbeddedApplicationTest.API_KEY,
            "grounded.bootstrap.dental-api-key=" + EmbeddedApplicationTest.DENTAL_API_KEY,
            "grounded.bootstrap.admin-password=" + EmbeddedApplicationTest.ADMIN_PASSWORD,
            "grounded.knowledge.poll-interval=200ms",
            // The fake WAHA is on loopback, as an operator's own gateway would be on its private network.
            "grounded.egress.allow=localhost",
            // Screenshots show the product, not Vaadin's development tools.
            "vaadin.devmode.devTools.enabled=false"
        })
public abstract class EmbeddedApplicationTest {

    public static final String API_KEY = "test-api-key-0123456789";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String DENTAL_API_KEY = "test-dental-api-key-0123456789";

    private static final Path DATA_DIR = tempDir();

    /**
     * Stands in for Meta's Graph API (under {@code /graph}) and Twilio (under {@code /twilio}): nothing a test does
     * reaches a real provider. It answers every send with a fresh message id.
     */
    protected static final WireMockServer WHATSAPP = startWhatsApp();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("grounded.data-dir", DATA_DIR::toString);
        registry.add("grounded.whatsapp.graph-url", () -> WHATSAPP.baseUrl() + "/graph");
        registry.add("grounded.whatsapp.twilio-url", () -> WHATSAPP.baseUrl() + "/twilio");
    }

    protected ApiClient api() {
        return new ApiClient(port, API_KEY);
    }

    private static WireMockServer startWhatsApp() {
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        server.stubFor(post(urlPathMatching("/graph/.*/messages"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out-"
                        + "{{randomValue length=16 type='ALPHANUMERIC'}}\"}]}")));
        return server;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("grounded-embedded-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
