package dev.grounded.knowledge;

import dev.grounded.knowledge.internal.ChunkCurations;
import dev.grounded.knowledge.internal.DocumentParser;
import dev.grounded.knowledge.internal.DocumentRepository;
import dev.grounded.knowledge.internal.IngestionJobs;
import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's documents: upload (ingested asynchronously by a persisted job), status, delete. */
@Service
public class KnowledgeService {

    private final DocumentRepository documents;
    private final IngestionJobs jobs;
    private final DocumentParser parser;
    private final KnowledgeIndex index;
    private final KnowledgeProperties properties;
    private final QuickReplyService quickReplies;
    private final ChunkEmbedder embedder;
    private final ChunkCurations curations;
    private final Clock clock;

    private final Permissions permissions;

    KnowledgeService(
            DocumentRepository documents,
            IngestionJobs jobs,
            DocumentParser parser,
            KnowledgeIndex index,
            KnowledgeProperties properties,
            QuickReplyService quickReplies,
            ChunkEmbedder embedder,
            ChunkCurations curations,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.curations = curations;
        this.quickReplies = quickReplies;
        this.embedder = embedder;
        this.documents = documents;
        this.jobs = jobs;
        this.parser = parser;
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the file and queues its ingestion. The same content uploaded again returns the existing document.
     *
     * @throws UnsupportedDocumentException when the file is empty, too large or of a type Grounded cannot read
     */
    @Transactional
    public KnowledgeDocument upload(TenantId tenant, String fileName, byte[] content) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        String name = name(fileName);
        String sha256 = sha256(check(name, content));
        Optional<KnowledgeDocument> existing = documents.findBySha(tenant, sha256);
        if (existing.isPresent()) {
            return existing.get();
        }
        String mediaType = mediaType(name, content);
        Instant now = clock.instant();
        var doc = new KnowledgeDocument(
                DocumentId.random(),
                tenant,
                titleFromFileName(name),
                name,
                mediaType,
                content.length,
                DocumentStatus.QUEUED,
                null,
                null,
                0,
                0,
                0,
                now,
                now,
                0,
                null,
                null);
        documents.insert(doc, sha256, content);
        jobs.enqueue(tenant, doc.id(), now);
        return doc;
    }

    /**
     * Stores a new version of a document and queues its ingestion. The previous version's chunks stay searchable
     * until the new ones are indexed, then they are swapped in one step. The same content again changes nothing.
     *
     * @return the document, or empty when the tenant has no such document
     * @throws UnsupportedDocumentException as for {@link #upload}, or when the content is another document's
     */
    @Transactional
    public Optional<KnowledgeDocument> replace(TenantId tenant, DocumentId id, String fileName, byte[] content) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        Optional<KnowledgeDocument> current = documents.find(tenant, id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String name = name(fileName);
        String sha256 = sha256(check(name, content));
        Optional<KnowledgeDocument> same = documents.findBySha(tenant, sha256);
        if (same.isPresent()) {
            if (same.get().id().equals(id)) {
                return same;
            }
            throw new UnsupportedDocumentException("The file '" + name + "' has the same content as the document '"
                    + same.get().title() + "'.");
        }
        Instant now = clock.instant();
        KnowledgeDocument doc = current.get();
        var next = new KnowledgeDocument(
                doc.id(),
                tenant,
                doc.title(),
                name,
                mediaType(name, content),
                content.length,
                DocumentStatus.QUEUED,
                null,
                doc.language(),
                doc.chunkCount(),
                0,
                0,
                doc.createdAt(),
                now,
                doc.pages(),
                doc.embeddingModel(),
                doc.notice());
        documents.replaceContent(next, sha256, content, now);
        jobs.enqueue(tenant, id, now);
        return Optional.of(next);
    }

    /**
     * Re-embeds all of a tenant's knowledge with the current embedding model: every document is queued again (its
     * chunks stay searchable until its new ones replace them) and every quick reply is re-embedded.
     */
    @Transactional
    public Reindex reindexAll(TenantId tenant) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        Instant now = clock.instant();
        List<DocumentId> ids = documents.requeueAll(tenant, now);
        ids.forEach(id -> jobs.enqueue(tenant, id, now));
        return new Reindex(ids.size(), quickReplies.reindexAll(tenant));
    }

    /** What a re-index queued. */
    public record Reindex(int documents, int quickReplies) {}

    /** The embedding model new chunks are embedded with, as documents record it ("bge-small-en-v1.5-q/384"). */
    public String currentEmbeddingModel() {
        return embedder.model().name() + "/" + embedder.model().dimensions();
    }

    private String name(String fileName) {
        return fileName == null || fileName.isBlank() ? "document" : fileName.strip();
    }

    private byte[] check(String name, byte[] content) {
        if (content.length == 0) {
            throw new UnsupportedDocumentException("The file '" + name + "' is empty.");
        }
        if (content.length > properties.maxUploadSize().toBytes()) {
            throw new UnsupportedDocumentException(
                    "The file '" + name + "' is larger than " + properties.maxUploadSize() + ".");
        }
        return content;
    }

    private String mediaType(String name, byte[] content) {
        String mediaType = parser.detect(content, name);
        if (!parser.supported(mediaType)) {
            throw new UnsupportedDocumentException("The file '" + name + "' is of type " + mediaType
                    + ", which Grounded cannot read. Upload PDF, DOCX, DOC, ODT, RTF, PPTX, XLSX, CSV, HTML,"
                    + " Markdown or plain text.");
        }
        return mediaType;
    }

    public List<KnowledgeDocument> list(TenantId tenant) {
        return documents.list(tenant);
    }

    /** The tenant's documents as id, title, content hash, status and passage changes: what a measurement ran on. */
    public List<KnowledgeFingerprint> fingerprints(TenantId tenant) {
        Map<String, String> curated = curations.digests(tenant);
        return documents.fingerprints(tenant).stream()
                .map(f -> f.withCuration(curated.get(f.id())))
                .toList();
    }

    public Optional<KnowledgeDocument> find(TenantId tenant, DocumentId id) {
        return documents.find(tenant, id);
    }

    /** Removes the document from the database and from the search index. */
    @Transactional
    public boolean delete(TenantId tenant, DocumentId id) {
        permissions.require(tenant, Permission.MANAGE_KNOWLEDGE);
        boolean deleted = documents.delete(tenant, id);
        if (deleted) {
            index.delete(tenant, id.toString());
        }
        return deleted;
    }

    static String titleFromFileName(String fileName) {
        String base = fileName.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base)
                .replaceAll("[_\\-\\s]+", " ")
                .strip();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
