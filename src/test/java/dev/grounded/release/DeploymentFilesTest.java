package dev.grounded.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker-compose.yml, the Dockerfile and .dockerignore promise an operator: readiness, not an open port, is
 * health; WAHA pinned and locked with a key that must be set; memory bounded; no secret or build output in the image's
 * context; and a build step that fails when it fails.
 */
class DeploymentFilesTest {

    private final Map<String, Object> compose = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppIsHealthyWhenReadyNotWhenItsPortOpens() {
        var healthcheck = (Map<String, Object>) service("app").get("healthcheck");
        assertThat(healthcheck.get("test").toString()).contains("/actuator/health/readiness");
        assertThat(healthcheck).containsKey("start_period");
    }

    @Test
    @SuppressWarnings("unchecked")
    void wahaIsPinnedNeedsItsKeyAndListensOnlyOnThisHost() {
        var waha = service("waha");
        String image = (String) waha.get("image");
        assertThat(image).matches("devlikeapro/waha:\\d{4}\\.\\d+\\.\\d+");
        var environment = (Map<String, Object>) waha.get("environment");
        assertThat(environment.get("WAHA_API_KEY").toString()).startsWith("${WAHA_API_KEY:?");
        assertThat((List<String>) waha.get("ports"))
                .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAMemoryLimitAndTheSecretsAreRequired() {
        for (String name : List.of("postgres", "app", "waha")) {
            var deploy = (Map<String, Object>) service(name).get("deploy");
            var limits = (Map<String, Object>) ((Map<String, Object>) deploy.get("resources")).get("limits");
            assertThat(limits.get("memory")).as(name).isNotNull();
        }
        var app = (Map<String, Object>) service("app").get("environment");
        assertThat(app.get("GROUNDED_DATA_KEY").toString()).startsWith("${GROUNDED_DATA_KEY:?");
        assertThat(app.get("GROUNDED_DB_PASSWORD").toString()).startsWith("${POSTGRES_PASSWORD:?");
    }

    @Test
    void theImageIsBuiltFromSourcesByTheReadmesBuildAndFailsWhenItFails() throws IOException {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile"));
        assertThat(dockerfile).doesNotContain("|| true").contains("./mvnw -B -ntp package");
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
        // Everything is left out but what the build needs: target/, data/ (data.key) and .git among it.
        assertThat(ignore).contains("**");
        assertThat(ignore.stream().filter(line -> line.startsWith("!")))
                .containsExactlyInAnyOrder(
                        "!.mvn/", "!mvnw", "!pom.xml", "!src/", "!frontend/", "!sample-docs/", "!evals/");
    }
}
