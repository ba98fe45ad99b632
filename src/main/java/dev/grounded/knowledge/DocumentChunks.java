package dev.grounded.knowledge;

import dev.grounded.knowledge.internal.ChunkCurations;
import dev.grounded.knowledge.internal.ChunkCurations.Curation;
import dev.grounded.knowledge.internal.DocumentChunker;
import dev.grounded.knowledge.internal.DocumentRepository;
import dev.grounded.knowledge.internal.PassageMetadata;
import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.ai.document.Document;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A document's passages as the bot reads them, and what admins change in them: a passage rewritten (embedded again at
 * once), taken out of the knowledge, put back, or reverted to the file's text. A change is kept when the document is
 * read again, for every passage the new reading still holds word for word.
 */
@Service
public class DocumentChunks {

    private final DocumentRepository documents;
    private final ChunkCurations curations;
    private final KnowledgeIndex index;
    private final ChunkEmbedder embedder;
    private final DocumentChunker chunker;
    private final Clock clock;

    private final Permissions permissions;

    DocumentChunks(
            DocumentRepository documents,
            ChunkCurations curations,
            KnowledgeIndex index,
            ChunkEmbedder embedder,
            DocumentChunker chunker,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.documents = documents;
        this.curations = curations;
        this.index = index;
        this.embedder = embedder;
        this.chunker = chunker;
        this.clock = clock;
    }

    /** The document's passages in reading order, disabled ones included; empty for another tenant's document. */
    public List<DocumentChunk> list(TenantId tenant, DocumentId id) {
        return documents
                .find(tenant, id)
                .map(doc -> passages(doc).values().stream().map(Passage::view).toList())
                .orElse(List.of());
    }

    /**
     * Rewrites a passage; unless it is disabled, the bot answers from the new text from now on. The file's text back
     * again undoes the edit.
     *
     * @return the passage, or empty when the tenant's document has no such passage
     * @throws IllegalArgumentException when the text is empty or longer than the embedding model reads
     * @throws IllegalStateException while the document is being read again
     */
    @Transactional
    public Optional<DocumentChunk> edit(TenantId tenant, DocumentId id, int position, String text, String by) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        String wanted = text == null ? "" : text.strip();
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException(
                    "A passage cannot be empty; disable it to take it out of the knowledge.");
        }
        return passage(tenant, id, position).map(passage -> {
            int max = chunker.maxTokens(passage.doc().title(), passage.section());
            int size = chunker.tokens(wanted);
            if (size > max) {
                throw new IllegalArgumentException("This text is " + size + " tokens long; with its title and section"
                        + " the embedding model reads " + max + " at most. Shorten it.");
            }
            String edited = wanted.equals(passage.originalText()) ? null : wanted;
            if (edited == null && passage.enabled()) {
                curations.delete(tenant, id, position);
            } else {
                curations.save(tenant, id, passage.curated(edited, !passage.enabled(), by, clock));
            }
            if (passage.enabled()) {
                put(passage, wanted, edited != null);
            }
            return reread(tenant, id, position);
        });
    }

    /**
     * Takes a passage out of the knowledge (the bot no longer finds it) or puts it back.
     *
     * @return the passage, or empty when the tenant's document has no such passage
     * @throws IllegalStateException while the document is being read again
     */
    @Transactional
    public Optional<DocumentChunk> enable(TenantId tenant, DocumentId id, int position, boolean enabled, String by) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        return passage(tenant, id, position).map(passage -> {
            if (passage.enabled() == enabled) {
                return passage.view();
            }
            if (!enabled) {
                curations.save(tenant, id, passage.curated(passage.editedText(), true, by, clock));
                index.remove(tenant, id.toString(), passage.indexed().getId());
            } else {
                if (passage.edited()) {
                    curations.save(tenant, id, passage.curated(passage.editedText(), false, by, clock));
                } else {
                    curations.delete(tenant, id, position);
                }
                put(passage, passage.text(), passage.edited());
            }
            return reread(tenant, id, position);
        });
    }

    /**
     * Undoes every change to a passage: the file's text, in the knowledge.
     *
     * @return the passage, or empty when the tenant's document has no such passage
     * @throws IllegalStateException while the document is being read again
     */
    @Transactional
    public Optional<DocumentChunk> revert(TenantId tenant, DocumentId id, int position) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        return passage(tenant, id, position).map(passage -> {
            if (passage.curation() != null) {
                curations.delete(tenant, id, position);
                put(passage, passage.originalText(), false);
            }
            return reread(tenant, id, position);
        });
    }

    private DocumentChunk reread(TenantId tenant, DocumentId id, int position) {
        return list(tenant, id).stream()
                .filter(chunk -> chunk.index() == position)
                .findFirst()
                .orElseThrow();
    }

    private Optional<Passage> passage(TenantId tenant, DocumentId id, int position) {
        return documents.find(tenant, id).flatMap(doc -> {
            if (doc.status() != DocumentStatus.READY) {
                throw new IllegalStateException(
                        doc.title() + " is being read again; change its passages once it is" + " ready.");
            }
            return Optional.ofNullable(passages(doc).get(position));
        });
    }

    private Map<Integer, Passage> passages(KnowledgeDocument doc) {
        Map<Integer, Curation> curated = curations.forDocument(doc.tenantId(), doc.id());
        Map<Integer, Passage> passages = new TreeMap<>();
        for (Document chunk : index.chunks(doc.tenantId(), doc.id().toString())) {
            int position = ChunkMetadata.integer(chunk, ChunkMetadata.CHUNK_INDEX);
            passages.put(position, new Passage(doc, position, chunk, curated.get(position)));
        }
        // A disabled passage is not in the index: only its curation knows it.
        curated.forEach(
                (position, curation) -> passages.putIfAbsent(position, new Passage(doc, position, null, curation)));
        return passages;
    }

    /** Embeds the passage with {@code text} and puts it in the index in place of its current chunk, if any. */
    private void put(Passage passage, String text, boolean edited) {
        KnowledgeDocument doc = passage.doc();
        String id = passage.indexed() != null
                ? passage.indexed().getId()
                : UUID.randomUUID().toString();
        Document chunk = Document.builder()
                .id(id)
                .text(text)
                .metadata(PassageMetadata.of(
                        doc.title(), passage.section(), passage.page(), passage.language(), passage.index(), edited))
                .build();
        index.put(
                doc.tenantId(),
                doc.id().toString(),
                chunk,
                embedder.embed(List.of(chunk)).getFirst());
    }

    /**
     * A passage as the index and the curations know it.
     *
     * @param indexed its chunk in the index, or null when disabled
     * @param curation what an admin changed, or null
     */
    private record Passage(KnowledgeDocument doc, int index, Document indexed, Curation curation) {

        boolean enabled() {
            return indexed != null;
        }

        boolean edited() {
            return curation != null && curation.edited();
        }

        String editedText() {
            return curation == null ? null : curation.editedText();
        }

        String text() {
            return curation != null ? curation.text() : indexed.getText();
        }

        String originalText() {
            return curation != null ? curation.originalText() : indexed.getText();
        }

        String section() {
            return indexed != null ? ChunkMetadata.string(indexed, ChunkMetadata.SECTION) : curation.section();
        }

        Integer page() {
            if (indexed == null) {
                return curation.page();
            }
            int page = ChunkMetadata.integer(indexed, ChunkMetadata.PAGE);
            return page > 0 ? page : null;
        }

        String language() {
            return indexed != null ? ChunkMetadata.string(indexed, ChunkMetadata.LANGUAGE) : curation.language();
        }

        Curation curated(String editedText, boolean disabled, String by, Clock clock) {
            String original = originalText();
            return new Curation(
                    index,
                    ChunkCurations.sha256(original),
                    original,
                    section(),
                    page(),
                    language(),
                    editedText,
                    disabled,
                    by,
                    clock.instant());
        }

        DocumentChunk view() {
            return new DocumentChunk(
                    index,
                    section(),
                    page(),
                    language(),
                    text(),
                    enabled(),
                    edited() ? curation.originalText() : null,
                    curation == null ? null : curation.updatedBy(),
                    curation == null ? null : curation.updatedAt());
        }
    }
}
