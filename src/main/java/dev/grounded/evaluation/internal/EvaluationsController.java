package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.evaluation.HtmlReport;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Evaluation runs over REST: start one on a stored dataset and follow its progress, cancel it, list, read one with
 * its report (JSON or HTML), compare two.
 */
@RestController
@ConditionalOnWebApplication
class EvaluationsController {

    /** What to run: the name of one of the tenant's stored datasets. */
    record StartRun(String dataset) {}

    private final EvaluationRuns runs;

    EvaluationsController(EvaluationRuns runs) {
        this.runs = runs;
    }

    /** Queues a run; 202 with the run, whose {@code Location} answers its progress. */
    @Requires(Permission.RUN_EVALUATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/evaluations")
    ResponseEntity<EvaluationRuns.RunSummary> start(@PathVariable String tenant, @RequestBody StartRun request) {
        if (request == null || request.dataset() == null || request.dataset().isBlank()) {
            throw new IllegalArgumentException("Name the dataset to run: {\"dataset\": \"<name>\"}");
        }
        EvaluationRuns.RunSummary run = runs.start(TenantId.of(tenant), request.dataset());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/tenants/" + tenant + "/evaluations/" + run.id() + "/progress"))
                .body(run);
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/evaluations")
    List<EvaluationRuns.RunSummary> list(@PathVariable String tenant) {
        return runs.list(TenantId.of(tenant));
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/evaluations/{id}")
    EvaluationRuns.StoredRun get(@PathVariable String tenant, @PathVariable UUID id) {
        return runs.find(TenantId.of(tenant), id).orElseThrow(() -> notFound(id));
    }

    /** The run's status and cases done, without its report: cheap to poll. */
    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/evaluations/{id}/progress")
    EvaluationRuns.RunSummary progress(@PathVariable String tenant, @PathVariable UUID id) {
        return runs.progress(TenantId.of(tenant), id).orElseThrow(() -> notFound(id));
    }

    @Requires(Permission.RUN_EVALUATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/evaluations/{id}/cancel")
    ResponseEntity<Void> cancel(@PathVariable String tenant, @PathVariable UUID id) {
        TenantId tenantId = TenantId.of(tenant);
        EvaluationRuns.RunSummary run = runs.progress(tenantId, id).orElseThrow(() -> notFound(id));
        if (!runs.cancel(tenantId, id)) {
            throw new IllegalStateException(
                    "The run is already " + run.status().name().toLowerCase(Locale.ROOT));
        }
        return ResponseEntity.noContent().build();
    }

    /** The run as a self-contained HTML page with its charts and every case. */
    @Requires(Permission.READ)
    @GetMapping(value = "/api/v1/tenants/{tenant}/evaluations/{id}/report.html", produces = MediaType.TEXT_HTML_VALUE)
    String html(@PathVariable String tenant, @PathVariable UUID id) {
        EvaluationRuns.StoredRun run = runs.find(TenantId.of(tenant), id).orElseThrow(() -> notFound(id));
        if (run.report() == null) {
            throw new IllegalStateException(
                    "The run is " + run.summary().status().name().toLowerCase(Locale.ROOT) + ", not done");
        }
        return HtmlReport.render(id.toString(), run.report());
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/evaluations/compare")
    EvaluationRuns.Comparison compare(
            @PathVariable String tenant, @RequestParam UUID base, @RequestParam UUID candidate) {
        return runs.compare(TenantId.of(tenant), base, candidate)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No evaluation run " + base + " or " + candidate));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** A run not done yet cannot be compared or reported; a finished one cannot be cancelled. */
    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseStatusException notFound(UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No evaluation run " + id);
    }
}
