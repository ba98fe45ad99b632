package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.knowledge.DocumentId;
import dev.grounded.knowledge.DocumentStatus;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentViewTest {

    private static KnowledgeDocument doc(DocumentStatus status, String model) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        return new KnowledgeDocument(
                DocumentId.random(),
                TenantId.of("acme"),
                "Manual",
                "manual.pdf",
                "application/pdf",
                10,
                status,
                null,
                "en",
                12,
                12,
                12,
                now,
                now,
                4,
                model,
                null);
    }

    @Test
    void aReadyDocumentEmbeddedWithAnotherModelNeedsAReindex() {
        var current = "bge-small-en-v1.5-q/384";

        assertThat(DocumentsController.DocumentView.of(doc(DocumentStatus.READY, current), current)
                        .needsReindex())
                .isFalse();
        assertThat(DocumentsController.DocumentView.of(doc(DocumentStatus.READY, "all-MiniLM-L6-v2/384"), current)
                        .needsReindex())
                .isTrue();
        assertThat(DocumentsController.DocumentView.of(doc(DocumentStatus.QUEUED, null), current)
                        .needsReindex())
                .isFalse();
        assertThat(DocumentsController.DocumentView.of(doc(DocumentStatus.READY, current), current)
                        .progress())
                .isEqualTo(new DocumentsController.Progress(4, 12, 12));
    }
}
