package dev.grounded.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.ai.document.Document;
import org.springframework.http.HttpStatus;

/**
 * Uploads a document, then a new version of it, while a reader keeps reading the document's chunks from the index: the
 * reader must never find it without chunks, and afterwards only the new version is there. Shared by both profiles.
 */
public final class VersionSwitch {

    private VersionSwitch() {}

    public static void neverLeavesTheDocumentWithoutChunks(ApiClient api, KnowledgeIndex index, String tenant)
            throws Exception {
        String id = api.uploadReady(tenant, "warranty.md", version("two years", "oldversionmarker"));

        var stop = new AtomicBoolean();
        var reads = new AtomicInteger();
        var empty = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (index.chunks(TenantId.of(tenant), id).isEmpty()) {
                    empty.incrementAndGet();
                }
                reads.incrementAndGet();
            }
        });
        try {
            var accepted = api.replace(tenant, id, "warranty.md", version("three years", "newversionmarker"));
            assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(accepted.getBody().get("id").asString()).isEqualTo(id);
            assertThat(api.awaitDocument(tenant, id).get("status").asString()).isEqualTo("ready");
        } finally {
            stop.set(true);
            reader.join();
        }

        assertThat(reads.get()).isGreaterThan(10);
        assertThat(empty.get())
                .as("reads that found the document without chunks")
                .isZero();
        String text = index.chunks(TenantId.of(tenant), id).stream()
                .map(Document::getText)
                .collect(Collectors.joining("\n"));
        assertThat(text).contains("newversionmarker").doesNotContain("oldversionmarker");
        api.delete(tenant, id);
    }

    /** A document long enough to take a few embedding batches. */
    private static byte[] version(String warranty, String marker) {
        StringBuilder text = new StringBuilder(
                "# Warranty\n\nThe warranty on the router lasts " + warranty + ". " + marker + "\n\n");
        for (int i = 1; i <= 60; i++) {
            text.append("## Clause ")
                    .append(i)
                    .append("\n\nClause ")
                    .append(i)
                    .append(" of the warranty covers part number ")
                    .append(1000 + i)
                    .append(" against defects in materials and workmanship under normal use, ")
                    .append(marker)
                    .append(".\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
