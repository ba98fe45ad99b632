package dev.grounded.demo;

import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantCreated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a demo tenant's knowledge from its folder in {@code sample-docs/} when the tenant is created: documents are
 * queued as ingestion jobs like any upload, quick replies are created from {@code quick-replies.json}, and its
 * evaluation dataset from {@code evals/}.
 */
@Component
class DemoKnowledgeSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoKnowledgeSeeder.class);
    private static final String QUICK_REPLIES = "quick-replies.json";
    private static final String EVALS = "classpath:evals/";
    /** Each demo tenant's folder in sample-docs. */
    private static final Map<String, String> FOLDERS = Map.of("demo", "lumen-fibre", "dental", "brightsmile-dental");
    /** Each demo tenant's evaluation datasets in evals/: its own, and for the first the multilingual handoff set. */
    private static final Map<String, List<String>> DATASETS =
            Map.of("demo", List.of("lumen-fibre", "handoff-multilingual"), "dental", List.of("brightsmile-dental"));

    private final KnowledgeService knowledge;
    private final QuickReplyService quickReplies;
    private final JsonMapper json;
    private final String base;

    private final Permissions permissions;
    private final EvaluationDatasets datasets;

    DemoKnowledgeSeeder(
            KnowledgeService knowledge,
            QuickReplyService quickReplies,
            JsonMapper json,
            @Value("${grounded.demo.knowledge-base:classpath:sample-docs/}") String base,
            Permissions permissions,
            EvaluationDatasets datasets) {
        this.permissions = permissions;
        this.datasets = datasets;
        this.knowledge = knowledge;
        this.quickReplies = quickReplies;
        this.json = json;
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /** The application seeds a demo tenant, whoever created it (the operator, for a tenant not theirs). */
    @EventListener(condition = "#event.demo")
    void seed(TenantCreated event) {
        permissions.asApplication(() -> {
            load(event);
            return null;
        });
    }

    private void load(TenantCreated event) {
        String folder = FOLDERS.get(event.tenantId().value());
        if (folder == null) {
            log.warn("Demo tenant {} has no knowledge folder in sample-docs", event.tenantId());
            return;
        }
        String location = base + folder + "/";
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location + "*");
            Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
            for (Resource resource : resources) {
                String name = resource.getFilename();
                if (QUICK_REPLIES.equals(name)) {
                    List<QuickReplyDraft> seeds =
                            json.readValue(resource.getContentAsByteArray(), new TypeReference<>() {});
                    quickReplies.importAll(event.tenantId(), seeds);
                } else if (name != null && !name.startsWith(".")) {
                    knowledge.upload(event.tenantId(), name, resource.getContentAsByteArray());
                }
            }
            // The demo's evaluation datasets (evals/ in the repository), so Evaluations has something to run at once.
            for (String name : DATASETS.getOrDefault(event.tenantId().value(), List.of())) {
                Resource dataset = new PathMatchingResourcePatternResolver().getResource(EVALS + name + ".jsonl");
                if (dataset.exists()) {
                    datasets.save(
                            event.tenantId(),
                            EvalDataset.parse(dataset.getFilename(), dataset.getContentAsByteArray()));
                }
            }
            log.info("Queued the demo knowledge of tenant {} from {}", event.tenantId(), location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo knowledge at " + location, e);
        }
    }
}
