package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.CaseResult;
import dev.grounded.evaluation.CommandOutput;
import dev.grounded.evaluation.DatasetEvaluation;
import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvalReport;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.evaluation.Gate;
import dev.grounded.evaluation.HtmlReport;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.retrieval.ReciprocalRankFusion;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar grounded.jar eval --tenant <t> --dataset <file.jsonl|file.csv|stored name> [--store] [--min metric=value] [--json]
 * [--report <file.json>] [--html <file.html>]} (the run is stored), {@code eval compare <base run> <candidate run> --tenant <t> [--json]}
 * and {@code eval beir --data <dir> [--split test] [--mode all|hybrid|dense|keyword]
 * [--corpus corpus.jsonl] [--keyword-weight w] [--dense-weight w] [--rrf-k k] [--min metric=value] [--json]
 * [--sweep] [--reindex]}.
 *
 * <p>Progress goes to stderr, the report to stdout; with {@code --json} the last line of stdout is the metrics as one
 * JSON object. The exit code is 1 when a {@code --min} threshold fails and 2 on bad arguments or data.
 */
@Component
@ConditionalOnProperty(name = "grounded.cli.command", havingValue = "eval")
/** Runs after the first-start bootstrap, which creates the demo tenants a dataset may be run against. */
@Order(Ordered.LOWEST_PRECEDENCE)
class EvalCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final Duration KNOWLEDGE_WAIT = Duration.ofMinutes(10);

    private final BeirBenchmark benchmark;
    private final DatasetEvaluation evaluation;
    private final EvaluationRuns runs;
    private final EvaluationDatasets datasets;
    private final KnowledgeService knowledge;
    private final TenantService tenants;
    private final RetrievalProperties retrieval;
    private final JsonMapper json;
    private final PrintStream out;
    private final PrintStream err = System.err;
    private int exitCode;

    EvalCommand(
            BeirBenchmark benchmark,
            DatasetEvaluation evaluation,
            EvaluationRuns runs,
            EvaluationDatasets datasets,
            KnowledgeService knowledge,
            TenantService tenants,
            RetrievalProperties retrieval,
            JsonMapper json,
            CommandOutput output) {
        this.out = output.out();
        this.benchmark = benchmark;
        this.evaluation = evaluation;
        this.runs = runs;
        this.datasets = datasets;
        this.knowledge = knowledge;
        this.tenants = tenants;
        this.retrieval = retrieval;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        try {
            CommandLine command = CommandLine.parse(arguments.getSourceArgs());
            List<String> words = command.words();
            if (words.size() >= 2 && words.get(0).equals("eval") && words.get(1).equals("beir")) {
                exitCode = beir(command);
            } else if (words.equals(List.of("eval")) && command.option("dataset", null) != null) {
                exitCode = dataset(command);
            } else if (words.size() == 4
                    && words.get(0).equals("eval")
                    && words.get(1).equals("compare")) {
                exitCode = compare(command, words.get(2), words.get(3));
            } else {
                throw new IllegalArgumentException(
                        "Usage: eval --tenant <tenant> --dataset <file.jsonl|file.csv|stored name> [--store]"
                                + " | eval compare <base run> <candidate run> --tenant <tenant>"
                                + " | eval beir --data <dir> [--split <split>] [--mode <mode>]");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bad arguments or data, or a run that cannot be compared yet: a message, not a stack trace.
            err.println("error: " + e.getMessage());
            exitCode = 2;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private int beir(CommandLine command) {
        String data = command.option("data", null);
        if (data == null) {
            throw new IllegalArgumentException("--data <dir> is required (a BEIR dataset folder)");
        }
        String split = command.option("split", "test");
        BeirDataset dataset = BeirDataset.load(Path.of(data), split, command.option("corpus", "corpus.jsonl"), json);
        List<BeirBenchmark.Mode> modes = modes(command.option("mode", "all"));
        var weights = new ReciprocalRankFusion.Weights(
                command.number("keyword-weight", retrieval.keywordWeight()),
                command.number("dense-weight", retrieval.denseWeight()),
                (int) command.number("rrf-k", retrieval.rrfK()));
        int depth = Math.max(BeirBenchmark.DEPTH, retrieval.candidates());

        err.printf(
                Locale.ROOT,
                "BEIR %s (%s): %d documents, %d judged queries%n",
                dataset.name(),
                split,
                dataset.corpus().size(),
                dataset.queries().size());
        ProgressBar bar = new ProgressBar(err);
        long start = System.nanoTime();
        boolean indexed = benchmark.index(dataset, command.flag("reindex"), bar::update);
        bar.done();
        err.printf(
                Locale.ROOT,
                indexed ? "Indexed in %.0f s%n" : "Reusing the existing index (%.0f s)%n",
                (System.nanoTime() - start) / 1e9);
        BeirBenchmark.LegResults legs = benchmark.search(dataset, depth, bar::update);
        bar.done();

        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        out.printf(
                Locale.ROOT,
                "BEIR %s, split %s, %d queries; fusion %s%n",
                dataset.name(),
                split,
                dataset.queries().size(),
                weights);
        out.printf(
                Locale.ROOT,
                "%-8s %8s %9s %10s %7s %6s %11s%n",
                "mode",
                "nDCG@10",
                "Recall@10",
                "Recall@100",
                "MRR@10",
                "hit@1",
                "median ms");
        for (BeirBenchmark.Mode mode : modes) {
            BeirBenchmark.Scores scores = benchmark.score(dataset, legs, mode, weights);
            Map<String, Double> m = scores.metrics();
            out.printf(
                    Locale.ROOT,
                    "%-8s %8.4f %9.4f %10.4f %7.4f %6.4f %11.1f%n",
                    mode.label(),
                    m.get("ndcg@10"),
                    m.get("recall@10"),
                    m.get("recall@100"),
                    m.get("mrr@10"),
                    m.get("hit@1"),
                    scores.medianMs());
            Map<String, Double> withLatency = new LinkedHashMap<>(m);
            withLatency.put("latency_p50_ms", scores.medianMs());
            results.put(mode.label(), withLatency);
        }
        if (command.flag("sweep")) {
            sweep(dataset, legs);
        }

        Map<String, Double> gated =
                results.getOrDefault("hybrid", results.values().iterator().next());
        int failures = gate(command.all("min"), gated);
        if (command.flag("json")) {
            Map<String, Object> report = new LinkedHashMap<>();
            if (results.size() == 1) {
                report.putAll(gated);
            } else {
                report.putAll(results);
            }
            out.println(json.writeValueAsString(report));
        }
        return failures == 0 ? 0 : 1;
    }

    private int dataset(CommandLine command) {
        String tenantOption = command.option("tenant", null);
        if (tenantOption == null) {
            throw new IllegalArgumentException("--tenant <tenant> is required with --dataset");
        }
        TenantId tenant = TenantId.of(tenantOption);
        if (tenants.find(tenant).isEmpty()) {
            throw new IllegalArgumentException("There is no tenant " + tenant + " in this database");
        }
        EvalDataset dataset = dataset(tenant, command.option("dataset", null));
        if (command.flag("store")) {
            datasets.save(tenant, dataset);
            err.printf(Locale.ROOT, "Stored the dataset %s for tenant %s%n", dataset.name(), tenant);
        }
        awaitKnowledge(tenant);
        EvaluationRuns.Context context = runs.context(tenant);
        err.printf(
                Locale.ROOT,
                "Dataset %s: %d cases against tenant %s%n",
                dataset.name(),
                dataset.cases().size(),
                tenant);
        ProgressBar bar = new ProgressBar(err);
        EvalReport report = evaluation.run(tenant, dataset, (done, total) -> bar.update("asking", done, total));
        bar.done();
        EvaluationRuns.RunSummary stored = runs.save(tenant, report, context);

        out.printf(
                Locale.ROOT,
                "Run %s: dataset %s (%s…), tenant %s%n",
                stored.id(),
                dataset.name(),
                dataset.version().substring(0, 12),
                tenant);
        print("all", report.metrics());
        report.byTag().forEach((tag, metrics) -> print("tag " + tag, metrics));
        report.byLanguage().forEach((language, metrics) -> print("language " + language, metrics));
        out.println("providers: " + report.providers());
        report.notes().forEach(note -> out.println("note: " + note));
        for (CaseResult result : report.results()) {
            if (!result.metExpectation()) {
                out.printf(
                        Locale.ROOT,
                        "  miss %s (%s): expected %s, got %s%s%n",
                        result.evalCase().id(),
                        String.join(",", result.evalCase().tags()),
                        result.evalCase().expect().code(),
                        result.outcome(),
                        result.handoffReason() == null ? "" : " (" + result.handoffReason() + ")");
            }
        }
        String reportFile = command.option("report", null);
        if (reportFile != null) {
            try {
                Files.writeString(
                        Path.of(reportFile),
                        json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the report " + reportFile, e);
            }
            err.println("Report written to " + reportFile);
        }
        String htmlFile = command.option("html", null);
        if (htmlFile != null) {
            try {
                Files.writeString(
                        Path.of(htmlFile), HtmlReport.render(stored.id().toString(), report));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the HTML report " + htmlFile, e);
            }
            err.println("HTML report written to " + htmlFile);
        }
        int failures = gate(command.all("min"), report.metrics());
        if (command.flag("json")) {
            out.println(json.writeValueAsString(report.metrics()));
        }
        return failures == 0 ? 0 : 1;
    }

    private int compare(CommandLine command, String base, String candidate) {
        String tenantOption = command.option("tenant", null);
        if (tenantOption == null) {
            throw new IllegalArgumentException("--tenant <tenant> is required with compare");
        }
        EvaluationRuns.Comparison comparison = runs.compare(TenantId.of(tenantOption), uuid(base), uuid(candidate))
                .orElseThrow(() -> new IllegalArgumentException(
                        "Tenant " + tenantOption + " has no run " + base + " or no run " + candidate));
        out.printf(
                Locale.ROOT,
                "base %s (%s, %s) -> candidate %s (%s, %s)%n",
                comparison.base().id(),
                comparison.base().dataset(),
                comparison.base().createdAt(),
                comparison.candidate().id(),
                comparison.candidate().dataset(),
                comparison.candidate().createdAt());
        if (!comparison.sameDataset()) {
            out.println("warning: the runs used different dataset versions");
        }
        if (!comparison.sameKnowledge()) {
            out.println("note: the knowledge changed between the runs");
        }
        comparison
                .metrics()
                .forEach((metric, delta) -> out.printf(
                        Locale.ROOT,
                        "%-24s %10s %10s %+10.4f%n",
                        metric,
                        format(delta.base()),
                        format(delta.candidate()),
                        delta.change() == null ? Double.NaN : delta.change()));
        for (EvaluationRuns.Flip flip : comparison.flipped()) {
            out.printf(
                    Locale.ROOT,
                    "%s %s: %s -> %s (%s)%n",
                    flip.fixed() ? "fixed " : "broken",
                    flip.caseId(),
                    flip.baseOutcome(),
                    flip.candidateOutcome(),
                    flip.question());
        }
        if (command.flag("json")) {
            out.println(json.writeValueAsString(comparison));
        }
        return 0;
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a run id: " + text);
        }
    }

    private void print(String group, Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s", group));
        metrics.forEach((name, value) -> line.append(String.format(
                Locale.ROOT, name.endsWith("_ms") || name.equals("cases") ? "  %s=%.0f" : "  %s=%.3f", name, value)));
        out.println(line);
    }

    /** A dataset file (JSONL, or CSV by its extension), or else the tenant's stored dataset of that name. */
    private EvalDataset dataset(TenantId tenant, String fileOrName) {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            return EvalDataset.load(file);
        }
        return datasets.find(tenant, fileOrName)
                .orElseThrow(() -> new IllegalArgumentException("No dataset file " + file.toAbsolutePath()
                        + ", nor a stored dataset " + fileOrName + " of " + tenant));
    }

    /** Documents still being ingested would make the run measure half a knowledge base. */
    private void awaitKnowledge(TenantId tenant) {
        long deadline = System.nanoTime() + KNOWLEDGE_WAIT.toNanos();
        while (true) {
            List<KnowledgeDocument> documents = knowledge.list(tenant);
            long pending =
                    documents.stream().filter(d -> !d.status().finished()).count();
            if (pending == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalArgumentException(
                        pending + " documents of " + tenant + " are still being ingested after " + KNOWLEDGE_WAIT);
            }
            err.printf(Locale.ROOT, "Waiting for %d documents of %s to finish ingesting…%n", pending, tenant);
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the knowledge", e);
            }
        }
    }

    /** nDCG@10 of hybrid over a grid of fusion settings, to tune on a development split. */
    private void sweep(BeirDataset dataset, BeirBenchmark.LegResults legs) {
        out.println("sweep (hybrid nDCG@10): keyword weight x dense weight x k");
        for (int k : new int[] {5, 10, 20, 40, 60, 100}) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "k=%-4d", k));
            for (double keyword : new double[] {0.3, 0.5, 0.7, 1.0}) {
                for (double dense : new double[] {0.5, 1.0}) {
                    var weights = new ReciprocalRankFusion.Weights(keyword, dense, k);
                    double ndcg = benchmark
                            .score(dataset, legs, BeirBenchmark.Mode.HYBRID, weights)
                            .metrics()
                            .get("ndcg@10");
                    line.append(String.format(Locale.ROOT, "  %.1f/%.1f=%.4f", keyword, dense, ndcg));
                }
            }
            out.println(line);
        }
        StringBuilder dense = new StringBuilder("dense weight at the defaults' keyword weight and k:");
        for (double weight : new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0}) {
            var weights = new ReciprocalRankFusion.Weights(retrieval.keywordWeight(), weight, retrieval.rrfK());
            double ndcg = benchmark
                    .score(dataset, legs, BeirBenchmark.Mode.HYBRID, weights)
                    .metrics()
                    .get("ndcg@10");
            dense.append(String.format(Locale.ROOT, "  %.2f=%.4f", weight, ndcg));
        }
        out.println(dense);
        out.println("keyword weight x coverage exponent at the defaults' dense weight and k:");
        for (double exponent : new double[] {0, 1, 2, 3, 4}) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "e=%-4.1f", exponent));
            for (double keyword : new double[] {0.3, 0.5, 0.7, 1.0, 1.5, 2.0}) {
                var weights = new ReciprocalRankFusion.Weights(keyword, retrieval.denseWeight(), retrieval.rrfK());
                double ndcg = benchmark
                        .score(dataset, legs, BeirBenchmark.Mode.HYBRID, weights, exponent)
                        .metrics()
                        .get("ndcg@10");
                line.append(String.format(Locale.ROOT, "  %.1f=%.4f", keyword, ndcg));
            }
            out.println(line);
        }
    }

    private int gate(List<String> thresholds, Map<String, Double> metrics) {
        List<String> failures = Gate.failures(thresholds, metrics);
        failures.forEach(failure -> err.println("FAILED: " + failure));
        return failures.size();
    }

    private static List<BeirBenchmark.Mode> modes(String mode) {
        if (mode.equals("all")) {
            return List.of(BeirBenchmark.Mode.values());
        }
        List<BeirBenchmark.Mode> modes = new ArrayList<>();
        for (String name : mode.split(",")) {
            try {
                modes.add(BeirBenchmark.Mode.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mode is one of all, "
                        + Arrays.stream(BeirBenchmark.Mode.values())
                                .map(BeirBenchmark.Mode::label)
                                .toList()
                        + ", not " + name);
            }
        }
        return modes;
    }
}
