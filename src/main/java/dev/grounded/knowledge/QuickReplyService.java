package dev.grounded.knowledge;

import dev.grounded.knowledge.internal.QuickReplies;
import dev.grounded.knowledge.internal.QuickReplyFiles;
import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.retrieval.QuickReplyMatched;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.ai.document.Document;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Quick replies: stored for direct answers and indexed like chunks so retrieval finds them. */
@Service
public class QuickReplyService {

    /** How an import went: replies created, and replies whose label already existed and were updated. */
    public record ImportResult(int created, int updated) {}

    private final QuickReplies store;
    private final KnowledgeIndex index;
    private final ChunkEmbedder embedder;
    private final LanguageDetector languages;
    private final QuickReplyFiles files;
    private final Clock clock;

    private final Permissions permissions;

    QuickReplyService(
            QuickReplies store,
            KnowledgeIndex index,
            ChunkEmbedder embedder,
            LanguageDetector languages,
            QuickReplyFiles files,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.embedder = embedder;
        this.files = files;
        this.store = store;
        this.index = index;
        this.languages = languages;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the draft is invalid
     * @throws org.springframework.dao.DuplicateKeyException when the tenant has a quick reply with that label
     */
    @Transactional
    public QuickReply create(TenantId tenant, QuickReplyDraft draft) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        validate(draft);
        var reply = new QuickReply(
                UUID.randomUUID(), tenant, draft.label(), draft.answer(), language(draft), draft.keywords(), 0);
        store.insert(reply, clock.instant());
        reindex(tenant, reply);
        return reply;
    }

    /** Changes a quick reply and re-indexes it; empty when the tenant has no such reply. */
    @Transactional
    public Optional<QuickReply> update(TenantId tenant, UUID id, QuickReplyDraft draft) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        validate(draft);
        var changed = new QuickReply(id, tenant, draft.label(), draft.answer(), language(draft), draft.keywords(), 0);
        if (!store.update(changed, clock.instant())) {
            return Optional.empty();
        }
        QuickReply reply = find(tenant, id).orElseThrow();
        reindex(tenant, reply);
        return Optional.of(reply);
    }

    /**
     * Creates or updates (matched by label) every draft, all or nothing.
     *
     * @throws IllegalArgumentException naming every invalid draft by its position, before anything is changed
     */
    @Transactional
    public ImportResult importAll(TenantId tenant, List<QuickReplyDraft> drafts) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        StringBuilder problems = new StringBuilder();
        for (int i = 0; i < drafts.size(); i++) {
            List<String> p = drafts.get(i).problems();
            if (!p.isEmpty()) {
                problems.append("Entry ")
                        .append(i + 1)
                        .append(": ")
                        .append(String.join(", ", p))
                        .append(". ");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString().strip());
        }
        Map<String, QuickReply> byLabel =
                list(tenant).stream().collect(Collectors.toMap(QuickReply::label, Function.identity()));
        int created = 0;
        int updated = 0;
        for (QuickReplyDraft draft : drafts) {
            QuickReply existing = byLabel.get(draft.label());
            if (existing == null) {
                byLabel.put(draft.label(), create(tenant, draft));
                created++;
            } else {
                update(tenant, existing.id(), draft);
                updated++;
            }
        }
        return new ImportResult(created, updated);
    }

    /**
     * Imports a CSV file (header {@code label,answer,language,keywords}) or a JSON array, as {@link #importAll}.
     *
     * @throws IllegalArgumentException with a reason a tenant admin can act on; nothing is changed then
     */
    @Transactional
    public ImportResult importFile(TenantId tenant, String fileName, byte[] content) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        return importAll(tenant, files.read(fileName, content));
    }

    /** The tenant's quick replies as CSV, which {@link #importFile} reads back unchanged. */
    public String exportCsv(TenantId tenant) {
        return files.writeCsv(list(tenant));
    }

    public List<QuickReply> list(TenantId tenant) {
        return store.list(tenant);
    }

    public Optional<QuickReply> find(TenantId tenant, UUID id) {
        return store.find(tenant, id);
    }

    @Transactional
    public boolean delete(TenantId tenant, UUID id) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        boolean deleted = store.delete(tenant, id);
        if (deleted) {
            index.delete(tenant, sourceId(id));
        }
        return deleted;
    }

    @EventListener
    void countHit(QuickReplyMatched matched) {
        store.countHit(matched.tenantId(), matched.quickReplyId());
    }

    private static void validate(QuickReplyDraft draft) {
        List<String> problems = draft.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid quick reply: " + String.join(", ", problems) + ".");
        }
    }

    private String language(QuickReplyDraft draft) {
        return draft.language() != null
                ? draft.language()
                : languages.detect(draft.label() + "\n" + draft.answer(), "en");
    }

    /** Re-embeds every quick reply of the tenant (after the embedding model changed); returns how many. */
    public int reindexAll(TenantId tenant) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        List<QuickReply> replies = list(tenant);
        replies.forEach(reply -> reindex(tenant, reply));
        return replies.size();
    }

    private void reindex(TenantId tenant, QuickReply reply) {
        List<Document> chunk = List.of(toChunk(reply));
        index.replace(tenant, sourceId(reply.id()), chunk, embedder.embed(chunk));
    }

    private static String sourceId(UUID id) {
        return "qr:" + id;
    }

    /** The answer is what a match gives back; the keywords only help the reply to be found. */
    private static Document toChunk(QuickReply reply) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(ChunkMetadata.KIND, ChunkMetadata.KIND_QUICK_REPLY);
        metadata.put(ChunkMetadata.TITLE, reply.label());
        metadata.put(ChunkMetadata.LANGUAGE, reply.language());
        metadata.put(ChunkMetadata.QUICK_REPLY_ID, reply.id().toString());
        metadata.put(ChunkMetadata.ANSWER, reply.answer());
        metadata.put(ChunkMetadata.CHUNK_INDEX, 0);
        String text = reply.keywords().isEmpty()
                ? reply.answer()
                : reply.answer() + "\n" + String.join(", ", reply.keywords());
        return Document.builder().text(text).metadata(metadata).build();
    }
}
