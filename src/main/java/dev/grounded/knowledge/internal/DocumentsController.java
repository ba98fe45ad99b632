package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentChunk;
import dev.grounded.knowledge.DocumentChunks;
import dev.grounded.knowledge.DocumentId;
import dev.grounded.knowledge.DocumentStatus;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.knowledge.UnsupportedDocumentException;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/tenants/{tenant}/documents")
class DocumentsController {

    record DocumentAccepted(String id, String title, String status) {}

    record DocumentView(
            String id,
            String title,
            String status,
            String reason,
            Progress progress,
            String language,
            int chunks,
            String embeddingModel,
            boolean needsReindex,
            String notice) {

        /** A ready document embedded with another model than the current one is not comparable: re-index. */
        static DocumentView of(KnowledgeDocument d, String currentModel) {
            return new DocumentView(
                    d.id().toString(),
                    d.title(),
                    d.status().name().toLowerCase(),
                    d.reason(),
                    Progress.of(d),
                    d.language(),
                    d.chunkCount(),
                    d.embeddingModel(),
                    d.status() == DocumentStatus.READY && !currentModel.equals(d.embeddingModel()),
                    d.notice());
        }
    }

    /**
     * @param pages pages parsed (0 before parsing ends, and for formats without pages)
     * @param done chunks embedded
     * @param total chunks to embed (known once the document is parsed)
     */
    record Progress(int pages, int done, int total) {

        static Progress of(KnowledgeDocument d) {
            return new Progress(d.pages(), d.progressDone(), d.progressTotal());
        }
    }

    record ReindexView(int documents, int quickReplies) {}

    /**
     * A change to one passage: its new text, taken out of the knowledge or put back, or both.
     *
     * @param by who made it, as the console shows it ("api" when not given)
     */
    record ChunkChange(
            String text, Boolean enabled, @Size(max = 100) String by) {}

    private final KnowledgeService knowledge;
    private final DocumentChunks chunks;

    DocumentsController(KnowledgeService knowledge, DocumentChunks chunks) {
        this.knowledge = knowledge;
        this.chunks = chunks;
    }

    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PostMapping
    ResponseEntity<DocumentAccepted> upload(@PathVariable String tenant, @RequestParam("file") MultipartFile file)
            throws IOException {
        KnowledgeDocument doc = knowledge.upload(TenantId.of(tenant), file.getOriginalFilename(), file.getBytes());
        return ResponseEntity.accepted()
                .body(new DocumentAccepted(
                        doc.id().toString(), doc.title(), doc.status().name().toLowerCase()));
    }

    @Requires(Permission.READ)
    @GetMapping
    List<DocumentView> list(@PathVariable String tenant) {
        return knowledge.list(TenantId.of(tenant)).stream()
                .map(d -> DocumentView.of(d, knowledge.currentEmbeddingModel()))
                .toList();
    }

    @Requires(Permission.READ)
    @GetMapping("/{id}")
    ResponseEntity<DocumentView> get(@PathVariable String tenant, @PathVariable String id) {
        return knowledge
                .find(TenantId.of(tenant), DocumentId.parse(id))
                .map(d -> DocumentView.of(d, knowledge.currentEmbeddingModel()))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** A new version of the document; its old chunks answer until the new ones are indexed. */
    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PutMapping("/{id}")
    ResponseEntity<DocumentAccepted> replace(
            @PathVariable String tenant, @PathVariable String id, @RequestParam("file") MultipartFile file)
            throws IOException {
        return knowledge
                .replace(TenantId.of(tenant), DocumentId.parse(id), file.getOriginalFilename(), file.getBytes())
                .map(doc -> ResponseEntity.accepted()
                        .body(new DocumentAccepted(
                                doc.id().toString(),
                                doc.title(),
                                doc.status().name().toLowerCase())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Re-embeds the tenant's documents and quick replies, e.g. after the embedding model changed. */
    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PostMapping("/reindex")
    ResponseEntity<ReindexView> reindex(@PathVariable String tenant) {
        var queued = knowledge.reindexAll(TenantId.of(tenant));
        return ResponseEntity.accepted().body(new ReindexView(queued.documents(), queued.quickReplies()));
    }

    @Requires(Permission.MANAGE_KNOWLEDGE)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String id) {
        return knowledge.delete(TenantId.of(tenant), DocumentId.parse(id))
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /** The document's passages in order, disabled ones included, with what admins changed. */
    @Requires(Permission.READ)
    @GetMapping("/{id}/chunks")
    ResponseEntity<List<DocumentChunk>> chunks(@PathVariable String tenant, @PathVariable String id) {
        TenantId owner = TenantId.of(tenant);
        DocumentId document = DocumentId.parse(id);
        if (knowledge.find(owner, document).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(chunks.list(owner, document));
    }

    /** Edits a passage (embedded again at once), takes it out of the knowledge or puts it back. */
    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PatchMapping("/{id}/chunks/{index}")
    ResponseEntity<DocumentChunk> change(
            @PathVariable String tenant,
            @PathVariable String id,
            @PathVariable int index,
            @Valid @RequestBody ChunkChange change) {
        if (change.text() == null && change.enabled() == null) {
            throw new IllegalArgumentException("Give the passage's new text, whether it is enabled, or both.");
        }
        TenantId owner = TenantId.of(tenant);
        DocumentId document = DocumentId.parse(id);
        String by = change.by() == null || change.by().isBlank()
                ? "api"
                : change.by().strip();
        Optional<DocumentChunk> changed = Optional.empty();
        if (change.text() != null) {
            changed = chunks.edit(owner, document, index, change.text(), by);
            if (changed.isEmpty()) {
                return ResponseEntity.notFound().build();
            }
        }
        if (change.enabled() != null) {
            changed = chunks.enable(owner, document, index, change.enabled(), by);
        }
        return ResponseEntity.of(changed);
    }

    /** Undoes every change to a passage: the file's text, in the knowledge. */
    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PostMapping("/{id}/chunks/{index}/revert")
    ResponseEntity<DocumentChunk> revert(
            @PathVariable String tenant, @PathVariable String id, @PathVariable int index) {
        return ResponseEntity.of(chunks.revert(TenantId.of(tenant), DocumentId.parse(id), index));
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(UnsupportedDocumentException.class)
    ProblemDetail unsupported(UnsupportedDocumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }
}
