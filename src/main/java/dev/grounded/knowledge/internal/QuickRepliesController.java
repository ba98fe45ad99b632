package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.QuickReply;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/tenants/{tenant}/quick-replies")
class QuickRepliesController {

    record QuickReplyView(String id, String label, String answer, String language, List<String> keywords, long hits) {

        static QuickReplyView of(QuickReply r) {
            return new QuickReplyView(r.id().toString(), r.label(), r.answer(), r.language(), r.keywords(), r.hits());
        }
    }

    private final QuickReplyService quickReplies;
    private final QuickReplyFiles files;

    QuickRepliesController(QuickReplyService quickReplies, QuickReplyFiles files) {
        this.quickReplies = quickReplies;
        this.files = files;
    }

    @Requires(Permission.READ)
    @GetMapping
    List<QuickReplyView> list(@PathVariable String tenant) {
        return quickReplies.list(TenantId.of(tenant)).stream()
                .map(QuickReplyView::of)
                .toList();
    }

    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<QuickReplyView> create(@PathVariable String tenant, @RequestBody QuickReplyDraft draft) {
        QuickReply created = quickReplies.create(TenantId.of(tenant), draft);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/quick-replies/" + created.id()))
                .body(QuickReplyView.of(created));
    }

    @Requires(Permission.READ)
    @GetMapping("/{id}")
    ResponseEntity<QuickReplyView> get(@PathVariable String tenant, @PathVariable UUID id) {
        return ResponseEntity.of(quickReplies.find(TenantId.of(tenant), id).map(QuickReplyView::of));
    }

    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PutMapping("/{id}")
    ResponseEntity<QuickReplyView> update(
            @PathVariable String tenant, @PathVariable UUID id, @RequestBody QuickReplyDraft draft) {
        return ResponseEntity.of(
                quickReplies.update(TenantId.of(tenant), id, draft).map(QuickReplyView::of));
    }

    @Requires(Permission.MANAGE_KNOWLEDGE)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        return quickReplies.delete(TenantId.of(tenant), id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /** Creates or updates (by label) every quick reply in a JSON or CSV file; nothing changes if any is invalid. */
    @Requires(Permission.MANAGE_KNOWLEDGE)
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    QuickReplyService.ImportResult importFile(@PathVariable String tenant, @RequestParam("file") MultipartFile file)
            throws IOException {
        return quickReplies.importFile(TenantId.of(tenant), file.getOriginalFilename(), file.getBytes());
    }

    @Requires(Permission.READ)
    @GetMapping("/export")
    ResponseEntity<String> export(@PathVariable String tenant, @RequestParam(defaultValue = "json") String format) {
        List<QuickReply> replies = quickReplies.list(TenantId.of(tenant));
        boolean csv = format.equalsIgnoreCase("csv");
        return ResponseEntity.ok()
                .contentType(
                        csv
                                ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                                : MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(tenant + "-quick-replies." + (csv ? "csv" : "json"))
                                .build()
                                .toString())
                .body(csv ? files.writeCsv(replies) : files.writeJson(replies));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A quick reply with this label exists already.");
    }
}
