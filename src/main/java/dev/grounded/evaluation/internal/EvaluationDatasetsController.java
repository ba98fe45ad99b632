package dev.grounded.evaluation.internal;

import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A tenant's evaluation datasets over REST. {@code PUT …/evaluation-datasets/{name}} stores the request body under
 * that name, as CSV when its content type is {@code text/csv} and as JSONL otherwise, replacing a dataset of the same
 * name; a malformed file is refused whole with the line at fault.
 */
@RestController
@ConditionalOnWebApplication
class EvaluationDatasetsController {

    private final EvaluationDatasets datasets;

    EvaluationDatasetsController(EvaluationDatasets datasets) {
        this.datasets = datasets;
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/evaluation-datasets")
    List<EvaluationDatasets.DatasetSummary> list(@PathVariable String tenant) {
        return datasets.list(TenantId.of(tenant));
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/evaluation-datasets/{name}")
    EvalDataset get(@PathVariable String tenant, @PathVariable String name) {
        return datasets.find(TenantId.of(tenant), name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No evaluation dataset " + name));
    }

    @Requires(Permission.RUN_EVALUATIONS)
    @PutMapping("/api/v1/tenants/{tenant}/evaluation-datasets/{name}")
    EvaluationDatasets.DatasetSummary put(
            @PathVariable String tenant,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody byte[] content) {
        boolean csv =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
        EvalDataset dataset = EvalDataset.parse(name + (csv ? ".csv" : ".jsonl"), content);
        return datasets.save(TenantId.of(tenant), dataset);
    }

    @Requires(Permission.RUN_EVALUATIONS)
    @DeleteMapping("/api/v1/tenants/{tenant}/evaluation-datasets/{name}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String name) {
        if (!datasets.delete(TenantId.of(tenant), name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No evaluation dataset " + name);
        }
        return ResponseEntity.noContent().build();
    }
}
