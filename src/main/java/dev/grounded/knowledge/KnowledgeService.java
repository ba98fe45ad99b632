package dev.grounded.knowledge;

import dev.grounded.knowledge.internal.DocumentParser;
import dev.grounded.knowledge.internal.DocumentRepository;
import dev.grounded.knowledge.internal.IngestionJobs;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.TenantId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
    private final Clock clock;

    KnowledgeService(
            DocumentRepository documents,
            IngestionJobs jobs,
            DocumentParser parser,
            KnowledgeIndex index,
            KnowledgeProperties properties,
            Clock clock) {
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
        String name = fileName == null || fileName.isBlank() ? "document" : fileName.strip();
        if (content.length == 0) {
            throw new UnsupportedDocumentException("The file '" + name + "' is empty.");
        }
        if (content.length > properties.maxUploadSize().toBytes()) {
            throw new UnsupportedDocumentException(
                    "The file '" + name + "' is larger than " + properties.maxUploadSize() + ".");
        }
        String sha256 = sha256(content);
        Optional<KnowledgeDocument> existing = documents.findBySha(tenant, sha256);
        if (existing.isPresent()) {
            return existing.get();
        }
        String mediaType = parser.detect(content, name);
        if (!parser.supported(mediaType)) {
            throw new UnsupportedDocumentException("The file '" + name + "' is of type " + mediaType
                    + ", which Grounded cannot read. Upload PDF, DOCX, DOC, ODT, RTF, PPTX, XLSX, CSV, HTML,"
                    + " Markdown or plain text.");
        }
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
                now);
        documents.insert(doc, sha256, content);
        jobs.enqueue(tenant, doc.id(), now);
        return doc;
    }

    public List<KnowledgeDocument> list(TenantId tenant) {
        return documents.list(tenant);
    }

    public Optional<KnowledgeDocument> find(TenantId tenant, DocumentId id) {
        return documents.find(tenant, id);
    }

    /** Removes the document from the database and from the search index. */
    @Transactional
    public boolean delete(TenantId tenant, DocumentId id) {
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
                .replace('_', ' ')
                .replace('-', ' ')
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
