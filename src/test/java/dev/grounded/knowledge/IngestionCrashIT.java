package dev.grounded.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.ApiClient;
import dev.grounded.testing.AppProcess;
import dev.grounded.testing.Patience;
import dev.grounded.testing.PostgresTestDatabase;
import dev.grounded.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kills the application (SIGKILL, a real separate JVM) in the middle of embedding a 50-page manual, checks that none
 * of that document is searchable, restarts it on the same data, and checks the job completes with every chunk indexed
 * exactly once, in both storage profiles.
 */
class IngestionCrashIT {

    private static final String KEY = "crash-test-api-key-0123456789";
    private static final String MANUAL = "pdfminer__irs-i1040nr.pdf";

    /** How each profile's index is inspected from outside while the application is down. */
    private interface ChunkCount {
        int of(String documentId) throws Exception;
    }

    @Test
    void embeddedProfile() throws Exception {
        Path data = Files.createTempDirectory("grounded-crash");
        crashAndRestart(List.of("--grounded.data-dir=" + data), id -> {
            try (var reader = DirectoryReader.open(FSDirectory.open(data.resolve("index")))) {
                return new IndexSearcher(reader).count(new TermQuery(new Term("key", "demo/" + id)));
            }
        });
    }

    @Test
    void postgresProfile() throws Exception {
        try (var database = PostgresTestDatabase.create()) {
            Path data = Files.createTempDirectory("grounded-crash-pg");
            crashAndRestart(
                    List.of(
                            "--spring.profiles.active=postgres",
                            "--grounded.security.data-key=Y3Jhc2gtdGVzdC1kYXRhLWtleS1vZi0zMi1ieXRlcyE=",
                            "--spring.datasource.url=" + database.url(),
                            "--grounded.data-dir=" + data),
                    id -> {
                        try (var c = DriverManager.getConnection(database.url());
                                var s = c.prepareStatement(
                                        "select count(*), count(distinct metadata ->> 'chunkIndex') from"
                                                + " knowledge_chunk where source_id = ?")) {
                            s.setString(1, id);
                            var rs = s.executeQuery();
                            rs.next();
                            assertThat(rs.getInt(1)).as("no duplicate chunks").isEqualTo(rs.getInt(2));
                            return rs.getInt(1);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
    }

    private void crashAndRestart(List<String> profileArgs, ChunkCount chunks) throws Exception {
        byte[] manual = Files.readAllBytes(SharedDatasets.path("documents/" + MANUAL));
        int port = AppProcess.freePort();
        var api = new ApiClient(port, KEY);

        Process first = start(port, profileArgs, "first");
        String id;
        try {
            awaitUp(api);
            id = api.upload("demo", MANUAL, manual).getBody().get("id").asString();
            JsonNode doc = awaitEmbedding(api, id);
            assertThat(doc.get("progress").get("done").asInt())
                    .isLessThan(doc.get("progress").get("total").asInt());
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(chunks.of(id)).as("chunks of a half-embedded document").isZero();

        Process second = start(port, profileArgs, "second");
        try {
            awaitUp(api);
            JsonNode doc = api.awaitDocument("demo", id);
            assertThat(doc.get("status").asString()).isEqualTo("ready");
            assertThat(doc.get("chunks").asInt()).isGreaterThan(100);
            second.destroyForcibly().waitFor();
            assertThat(chunks.of(id)).isEqualTo(doc.get("chunks").asInt());
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private static Process start(int port, List<String> profileArgs, String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--grounded.bootstrap.api-key=" + KEY,
                "--grounded.bootstrap.admin-password=crash-test-password",
                "--grounded.knowledge.poll-interval=200ms",
                "--grounded.knowledge.job-lease=4s",
                "--grounded.knowledge.embedding-batch-size=4"));
        arguments.addAll(profileArgs);
        return AppProcess.start(arguments, "crash-it-" + name);
    }

    private static void awaitUp(ApiClient api) throws InterruptedException {
        AppProcess.awaitUp(api, "crash-it-*");
    }

    private static JsonNode awaitEmbedding(ApiClient api, String id) {
        return Patience.await("embedding to be under way")
                .until(() -> api.get("/api/v1/tenants/demo/documents/" + id).getBody(), doc -> {
                    assertThat(doc.get("status").asString()).isNotEqualTo("ready");
                    return doc.get("status").asString().equals("embedding")
                            && doc.get("progress").get("done").asInt() >= 8;
                });
    }
}
