package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.DatasetEvaluation;
import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvalReport;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.evaluation.EvaluationProperties;
import dev.grounded.evaluation.EvaluationRunQueued;
import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.queue.QueueWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs queued evaluation runs, one at a time per instance (a run is CPU-bound on the embedding model and would only
 * slow the customers' replies if several ran side by side). Any web instance may run this; each run is claimed by one.
 */
@Component
@ConditionalOnWebApplication
class EvaluationRunWorker extends QueueWorker<RunQueue.Claimed> {

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
    private final Clock clock;

    EvaluationRunWorker(
            RunQueue queue,
            EvaluationRuns runs,
            EvaluationDatasets datasets,
            DatasetEvaluation evaluation,
            EvaluationProperties properties,
            Clock clock) {
        super(queue.queue(), new Options("evaluation-runs", 1, properties.pollInterval(), properties.lease()), clock);
        this.queue = queue;
        this.runs = runs;
        this.datasets = datasets;
        this.evaluation = evaluation;
        this.clock = clock;
    }

    /** A run queued on this instance starts at once if the instance is idle, not at the next poll. */
    @EventListener
    void queued(EvaluationRunQueued event) {
        wake();
    }

    /** Embedding runs long in native code: on platform threads, it holds no virtual thread's carrier. */
    @Override
    protected Thread.Builder threads() {
        return Thread.ofPlatform().daemon();
    }

    @Override
    protected Optional<RunQueue.Claimed> claim(String worker, Instant now, Duration lease) {
        return queue.claim(worker, now, lease);
    }

    @Override
    protected void handle(RunQueue.Claimed run) {
        var id = run.lease().id();
        try {
            EvalDataset dataset = datasets.find(run.tenant(), run.dataset())
                    .orElseThrow(() -> new IllegalStateException(
                            "The dataset " + run.dataset() + " was deleted before the run started"));
            EvaluationRuns.Context context = runs.context(run.tenant());
            EvalReport report = evaluation.run(run.tenant(), dataset, (done, total) -> {
                if (!queue.progress(run, done, total)) {
                    throw new Stopped();
                }
            });
            queue.done(run, report, context, clock.instant());
        } catch (Stopped e) {
            log.info("Evaluation run {} of {} was cancelled or taken over", id, run.tenant());
        } catch (RuntimeException e) {
            log.warn("Evaluation run {} of {} failed", id, run.tenant(), e);
            queue.failed(run, e.toString(), clock.instant());
        }
    }
}
