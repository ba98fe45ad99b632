package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.DatasetEvaluation;
import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvalReport;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.evaluation.EvaluationProperties;
import dev.grounded.evaluation.EvaluationRunQueued;
import dev.grounded.evaluation.EvaluationRuns;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs queued evaluation runs, one at a time per instance (a run is CPU-bound on the embedding model and would only
 * slow the customers' replies if several ran side by side). Any web instance may run this; each run is claimed by one.
 */
@Component
@ConditionalOnWebApplication
class EvaluationRunWorker {

    private static final Logger log = LoggerFactory.getLogger(EvaluationRunWorker.class);

    /** Thrown out of the progress callback to stop a run that was cancelled or claimed by another instance. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private final RunQueue queue;
    private final EvaluationRuns runs;
    private final EvaluationDatasets datasets;
    private final DatasetEvaluation evaluation;
    private final EvaluationProperties properties;
    private final Clock clock;
    private final String worker = "evaluation-" + UUID.randomUUID();
    private final AtomicBoolean busy = new AtomicBoolean();

    EvaluationRunWorker(
            RunQueue queue,
            EvaluationRuns runs,
            EvaluationDatasets datasets,
            DatasetEvaluation evaluation,
            EvaluationProperties properties,
            Clock clock) {
        this.queue = queue;
        this.runs = runs;
        this.datasets = datasets;
        this.evaluation = evaluation;
        this.properties = properties;
        this.clock = clock;
    }

    /** A run queued on this instance starts at once if the instance is idle, not at the next poll. */
    @EventListener
    void queued(EvaluationRunQueued event) {
        Thread.ofVirtual().name("evaluation-run").start(this::work);
    }

    @Scheduled(fixedDelayString = "${grounded.evaluation.poll-interval:5s}", initialDelayString = "5s")
    void work() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Optional<RunQueue.Claimed> next = claim(); next.isPresent(); next = claim()) {
                run(next.get());
            }
        } finally {
            busy.set(false);
        }
    }

    private Optional<RunQueue.Claimed> claim() {
        return queue.claim(worker, clock.instant(), properties.lease());
    }

    private void run(RunQueue.Claimed run) {
        try {
            EvalDataset dataset = datasets.find(run.tenant(), run.dataset())
                    .orElseThrow(() -> new IllegalStateException(
                            "The dataset " + run.dataset() + " was deleted before the run started"));
            EvaluationRuns.Context context = runs.context(run.tenant());
            EvalReport report = evaluation.run(run.tenant(), dataset, (done, total) -> {
                if (!queue.progress(run, done, total, clock.instant(), properties.lease())) {
                    throw new Stopped();
                }
            });
            queue.done(run, report, context, clock.instant());
        } catch (Stopped e) {
            log.info("Evaluation run {} of {} was cancelled or taken over", run.id(), run.tenant());
        } catch (RuntimeException e) {
            log.warn("Evaluation run {} of {} failed", run.id(), run.tenant(), e);
            queue.failed(run, e.toString(), clock.instant());
        }
    }
}
