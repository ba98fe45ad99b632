package dev.grounded.evaluation;

import dev.grounded.evaluation.internal.EvaluationRunStore;
import dev.grounded.knowledge.KnowledgeFingerprint;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantSettingsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * Stored evaluation runs: what each ran on (dataset version, knowledge by content hash, configuration) and what came
 * out, and the comparison of two runs (metric deltas and the cases that flipped). Every query names the tenant.
 */
@Service
public class EvaluationRuns {

    /** Where a run is: queued runs are claimed by one instance, which runs them and stores the results. */
    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED;

        /** Whether the run will not change any more. */
        public boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * A stored run without its report.
     *
     * @param casesDone how many cases have run, for following a run's progress
     * @param error why a run failed
     * @param metrics null until the run is done
     */
    public record RunSummary(
            UUID id,
            String dataset,
            String datasetVersion,
            Status status,
            int casesDone,
            int casesTotal,
            String error,
            Instant createdAt,
            Instant finishedAt,
            Map<String, Double> metrics) {}

    /**
     * A stored run with everything it recorded (configuration, knowledge and report are null until it is done).
     *
     * @param configuration thresholds, fusion, the tenant's settings, providers and models, the judge, the prompts' hash
     * @param knowledge the tenant's documents (id, title, content hash, status) when the run started
     */
    public record StoredRun(
            RunSummary summary,
            Map<String, Object> configuration,
            List<KnowledgeFingerprint> knowledge,
            EvalReport report) {}

    /** What a run ran on, taken before it starts so that changes during the run do not blur it. */
    public record Context(Map<String, Object> configuration, List<KnowledgeFingerprint> knowledge) {}

    public record Delta(Double base, Double candidate, Double change) {}

    /** A case whose expectation was met in one run and not in the other. */
    public record Flip(String caseId, String question, String baseOutcome, String candidateOutcome, boolean fixed) {}

    /**
     * @param sameDataset whether both runs ran the same dataset version (else deltas compare different questions)
     * @param sameKnowledge whether both ran on the same documents
     */
    public record Comparison(
            RunSummary base,
            RunSummary candidate,
            boolean sameDataset,
            boolean sameKnowledge,
            Map<String, Delta> metrics,
            List<Flip> flipped) {}

    private final EvaluationRunStore runs;
    private final KnowledgeService knowledge;
    private final TenantSettingsService settings;
    private final ChatProviders providers;
    private final ReplyProperties reply;
    private final RetrievalProperties retrieval;
    private final Clock clock;
    private final EvaluationDatasets datasets;
    private final EvaluationProperties evaluation;
    private final ApplicationEventPublisher events;

    private final Permissions permissions;

    EvaluationRuns(
            EvaluationRunStore runs,
            KnowledgeService knowledge,
            TenantSettingsService settings,
            ChatProviders providers,
            ReplyProperties reply,
            RetrievalProperties retrieval,
            Clock clock,
            EvaluationDatasets datasets,
            EvaluationProperties evaluation,
            ApplicationEventPublisher events,
            Permissions permissions) {
        this.permissions = permissions;
        this.runs = runs;
        this.knowledge = knowledge;
        this.settings = settings;
        this.providers = providers;
        this.reply = reply;
        this.retrieval = retrieval;
        this.clock = clock;
        this.datasets = datasets;
        this.evaluation = evaluation;
        this.events = events;
    }

    public Context context(TenantId tenant) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("reply", reply);
        configuration.put("retrieval", retrieval);
        configuration.put("tenantSettings", settings.get(tenant));
        configuration.put(
                "providers",
                providers.ordered().stream()
                        .map(p -> Map.of("name", p.name(), "type", p.type().name(), "model", p.model()))
                        .toList());
        configuration.put("embeddingModel", knowledge.currentEmbeddingModel());
        configuration.put(
                "judge",
                evaluation.judged()
                        ? Map.of(
                                "type",
                                evaluation.judge().type().name(),
                                "model",
                                evaluation.judge().model())
                        : "none");
        configuration.put("promptsSha256", promptsHash());
        return new Context(configuration, knowledge.fingerprints(tenant));
    }

    public RunSummary save(TenantId tenant, EvalReport report, Context context) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        runs.insertDone(id, tenant, report, context, now);
        return new RunSummary(
                id,
                report.dataset(),
                report.datasetVersion(),
                Status.DONE,
                report.results().size(),
                report.results().size(),
                null,
                now,
                now,
                report.metrics());
    }

    /**
     * Queues a run of a stored dataset; whichever instance claims it first runs it. Follow it with {@link #find}.
     *
     * @throws NoSuchElementException when the tenant has no dataset of that name
     */
    public RunSummary start(TenantId tenant, String datasetName) {
        permissions.require(tenant, Permission.RUN_EVALUATIONS);
        EvalDataset dataset = datasets.find(tenant, datasetName)
                .orElseThrow(() -> new NoSuchElementException("No evaluation dataset " + datasetName));
        RunSummary run = new RunSummary(
                UUID.randomUUID(),
                dataset.name(),
                dataset.version(),
                Status.QUEUED,
                0,
                dataset.cases().size(),
                null,
                clock.instant(),
                null,
                null);
        runs.insertQueued(run, tenant);
        events.publishEvent(new EvaluationRunQueued(tenant, run.id()));
        return run;
    }

    /**
     * Stops a queued or running run; a running one stops after the case it is on.
     *
     * @return whether the run was still queued or running
     */
    public boolean cancel(TenantId tenant, UUID id) {
        permissions.require(tenant, Permission.RUN_EVALUATIONS);
        return runs.cancel(tenant, id, clock.instant());
    }

    /** The tenant's runs, newest first. */
    public List<RunSummary> list(TenantId tenant) {
        return runs.newestFirst(tenant);
    }

    public Optional<StoredRun> find(TenantId tenant, UUID id) {
        return runs.find(tenant, id);
    }

    /** Only the run's summary: what following a run's progress needs. */
    public Optional<RunSummary> progress(TenantId tenant, UUID id) {
        return runs.summary(tenant, id);
    }

    /**
     * How {@code candidate} differs from {@code base}: every metric either has, and the cases that flipped.
     *
     * @throws IllegalStateException when either run is not done
     */
    public Optional<Comparison> compare(TenantId tenant, UUID base, UUID candidate) {
        Optional<StoredRun> a = find(tenant, base);
        Optional<StoredRun> b = find(tenant, candidate);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        for (StoredRun run : List.of(a.get(), b.get())) {
            if (run.summary().status() != Status.DONE) {
                throw new IllegalStateException("The run " + run.summary().id() + " is "
                        + run.summary().status().name().toLowerCase(Locale.ROOT) + ", not done");
            }
        }
        Map<String, Double> before = a.get().summary().metrics();
        Map<String, Double> after = b.get().summary().metrics();
        Map<String, Delta> deltas = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String metric : names) {
            Double x = before.get(metric);
            Double y = after.get(metric);
            deltas.put(metric, new Delta(x, y, x == null || y == null ? null : y - x));
        }
        Map<String, CaseResult> beforeCases = byId(a.get().report().results());
        List<Flip> flipped = new ArrayList<>();
        for (CaseResult now : b.get().report().results()) {
            CaseResult then = beforeCases.get(now.evalCase().id());
            if (then != null && then.metExpectation() != now.metExpectation()) {
                flipped.add(new Flip(
                        now.evalCase().id(),
                        now.evalCase().question(),
                        then.outcome(),
                        now.outcome(),
                        now.metExpectation()));
            }
        }
        flipped.sort(Comparator.comparing(Flip::caseId));
        return Optional.of(new Comparison(
                a.get().summary(),
                b.get().summary(),
                a.get().summary().datasetVersion().equals(b.get().summary().datasetVersion()),
                a.get().knowledge().equals(b.get().knowledge()),
                deltas,
                flipped));
    }

    private static Map<String, CaseResult> byId(List<CaseResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.evalCase().id(), Function.identity(), (x, y) -> x));
    }

    /** The prompt templates' hash: a run says which wording of the prompts it measured. */
    private static String promptsHash() {
        try {
            Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath:prompts/*");
            Arrays.sort(templates, Comparator.comparing(Resource::getFilename));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Resource template : templates) {
                digest.update(template.getContentAsByteArray());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
