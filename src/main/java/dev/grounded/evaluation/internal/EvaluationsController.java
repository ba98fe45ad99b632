package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.evaluation.HtmlReport;
import dev.grounded.tenant.TenantId;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Stored evaluation runs over REST: list, read one with its report, compare two. */
@RestController
@ConditionalOnWebApplication
class EvaluationsController {

    private final EvaluationRuns runs;

    EvaluationsController(EvaluationRuns runs) {
        this.runs = runs;
    }

    @GetMapping("/api/v1/tenants/{tenant}/evaluations")
    List<EvaluationRuns.RunSummary> list(@PathVariable String tenant) {
        return runs.list(TenantId.of(tenant));
    }

    @GetMapping("/api/v1/tenants/{tenant}/evaluations/{id}")
    EvaluationRuns.StoredRun get(@PathVariable String tenant, @PathVariable UUID id) {
        return runs.find(TenantId.of(tenant), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No evaluation run " + id));
    }

    /** The run as a self-contained HTML page with its charts and every case. */
    @GetMapping(value = "/api/v1/tenants/{tenant}/evaluations/{id}/report.html", produces = MediaType.TEXT_HTML_VALUE)
    String html(@PathVariable String tenant, @PathVariable UUID id) {
        EvaluationRuns.StoredRun run = runs.find(TenantId.of(tenant), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No evaluation run " + id));
        return HtmlReport.render(id.toString(), run.report());
    }

    @GetMapping("/api/v1/tenants/{tenant}/evaluations/compare")
    EvaluationRuns.Comparison compare(
            @PathVariable String tenant, @RequestParam UUID base, @RequestParam UUID candidate) {
        return runs.compare(TenantId.of(tenant), base, candidate)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No evaluation run " + base + " or " + candidate));
    }
}
