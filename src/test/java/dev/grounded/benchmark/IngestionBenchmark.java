package dev.grounded.benchmark;

import dev.grounded.GroundedApplication;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ingestion throughput against the embedding model's own: for a realistic document set (long PDFs with tables, a long
 * DOCX), end-to-end ingestion through the running application (upload, parse in the parser process, chunk, detect
 * languages, embed, index, mark ready) is timed in chunks and pages per second, and the same chunks are then embedded
 * directly with the same model and batch size. Reports medians of several rounds and the ratio.
 *
 * <p>Run with {@code scripts/benchmark-ingestion.sh [embedded|postgres] [rounds]}; not part of {@code ./mvnw verify}.
 */
public final class IngestionBenchmark {

    private static final List<String> DOCUMENTS = List.of(
            "pdfminer__irs-i1040nr.pdf",
            "pypdf-samples__GeoTopo-komprimiert.pdf",
            "tika__testPDF_protected.pdf",
            "tika__testPDF_bad_page_303226.pdf",
            "tika__testWORD_endnote_table.docx",
            "poi__bib-chernigovka.netdo.ru_download_docs_17459.docx");
    private static final int BATCH = 32;

    private record Round(double seconds, int pages, int chunks, long tokens) {}

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "embedded";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path shared = Path.of(System.getProperty("grounded.shared-datasets", "../shared/datasets"), "documents");
        List<byte[]> files = new ArrayList<>();
        for (String name : DOCUMENTS) {
            files.add(Files.readAllBytes(shared.resolve(name)));
        }
        Path data = Files.createTempDirectory("grounded-bench");
        PostgresTestDatabase database = profile.equals("postgres") ? PostgresTestDatabase.create() : null;
        // Command-line arguments, so they win over application.properties.
        List<String> arguments = new ArrayList<>(List.of(
                "--grounded.data-dir=" + data,
                "--grounded.bootstrap.demo-tenant=false",
                "--grounded.knowledge.poll-interval=100ms",
                "--server.port=0",
                "--logging.level.dev.grounded=WARN"));
        if (database != null) {
            arguments.add("--spring.profiles.active=postgres");
            // The benchmark stores no customer data; the postgres profile still wants a data key to start.
            arguments.add("--grounded.security.data-key="
                    + java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32)));
            arguments.add("--spring.datasource.url=" + database.url());
        }
        try (ConfigurableApplicationContext app =
                new SpringApplicationBuilder(GroundedApplication.class).run(arguments.toArray(String[]::new))) {
            var tenants = app.getBean(TenantService.class);
            var knowledge = app.getBean(KnowledgeService.class);
            var index = app.getBean(KnowledgeIndex.class);
            var model = app.getBean(EmbeddingModel.class);

            List<Round> ingestion = new ArrayList<>();
            List<Round> raw = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                TenantId tenant = TenantId.of("bench-" + round);
                tenants.create(tenant, "Benchmark " + round, false);
                Round ingested = ingest(knowledge, tenant, files);
                List<String> texts = new ArrayList<>();
                for (KnowledgeDocument doc : knowledge.list(tenant)) {
                    index.chunks(tenant, doc.id().toString()).stream()
                            .map(ChunkMetadata::embeddingText)
                            .forEach(texts::add);
                }
                Round embedded = embed(model, texts, ingested);
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf(
                        Locale.ROOT,
                        "%s: end-to-end %.1f s (%.1f chunks/s, %.2f pages/s); raw embedding %.1f s (%.1f chunks/s,"
                                + " %.0f tokens/s)%n",
                        label,
                        ingested.seconds(),
                        ingested.chunks() / ingested.seconds(),
                        ingested.pages() / ingested.seconds(),
                        embedded.seconds(),
                        embedded.chunks() / embedded.seconds(),
                        embedded.tokens() / embedded.seconds());
                if (round > 0) {
                    ingestion.add(ingested);
                    raw.add(embedded);
                }
            }
            double e2eChunks = median(ingestion.stream()
                    .mapToDouble(r -> r.chunks() / r.seconds())
                    .toArray());
            double e2ePages = median(
                    ingestion.stream().mapToDouble(r -> r.pages() / r.seconds()).toArray());
            double rawChunks = median(
                    raw.stream().mapToDouble(r -> r.chunks() / r.seconds()).toArray());
            double rawTokens = median(
                    raw.stream().mapToDouble(r -> r.tokens() / r.seconds()).toArray());
            Round first = ingestion.getFirst();
            System.out.printf(
                    Locale.ROOT,
                    "%nprofile=%s documents=%d pages=%d chunks=%d tokens=%d rounds=%d cores=%d%n"
                            + "median raw embedding: %.1f chunks/s, %.0f tokens/s%n"
                            + "median end-to-end:    %.1f chunks/s, %.2f pages/s%n"
                            + "end-to-end / raw:     %.0f%%%n",
                    profile,
                    files.size(),
                    first.pages(),
                    first.chunks(),
                    raw.getFirst().tokens(),
                    rounds,
                    Runtime.getRuntime().availableProcessors(),
                    rawChunks,
                    rawTokens,
                    e2eChunks,
                    e2ePages,
                    100 * e2eChunks / rawChunks);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private static Round ingest(KnowledgeService knowledge, TenantId tenant, List<byte[]> files) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            knowledge.upload(tenant, DOCUMENTS.get(i), files.get(i));
        }
        List<KnowledgeDocument> docs = Awaitility.await("the documents ingested")
                .atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> knowledge.list(tenant), all -> all.stream()
                        .allMatch(d -> d.status().finished()));
        double seconds = (System.nanoTime() - start) / 1e9;
        for (KnowledgeDocument d : docs) {
            if (d.status() != dev.grounded.knowledge.DocumentStatus.READY) {
                throw new IllegalStateException(d.fileName() + " is " + d.status() + ": " + d.reason());
            }
        }
        return new Round(
                seconds,
                docs.stream().mapToInt(KnowledgeDocument::pages).sum(),
                docs.stream().mapToInt(KnowledgeDocument::chunkCount).sum(),
                0);
    }

    private static Round embed(EmbeddingModel model, List<String> texts, Round ingested) {
        var tokens = new dev.grounded.retrieval.TokenCounter();
        long tokenCount = texts.stream().mapToLong(tokens::count).sum();
        tokens.destroy();
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += BATCH) {
            model.embed(texts.subList(from, Math.min(texts.size(), from + BATCH)));
        }
        return new Round((System.nanoTime() - start) / 1e9, ingested.pages(), texts.size(), tokenCount);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
