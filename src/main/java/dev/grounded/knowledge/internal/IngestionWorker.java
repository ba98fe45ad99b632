package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentStatus;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.LanguageDetector;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes queued ingestion jobs one at a time: extract text, chunk, embed and index, then mark the document ready. A
 * document whose file cannot be read fails alone, with the reason shown to the tenant; other errors are retried.
 */
@Component
class IngestionWorker {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final IngestionJobs jobs;
    private final DocumentRepository documents;
    private final DocumentParser parser;
    private final DocumentChunker chunker;
    private final LanguageDetector languages;
    private final KnowledgeIndex index;
    private final KnowledgeProperties properties;
    private final Clock clock;
    private final String workerId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    IngestionWorker(
            IngestionJobs jobs,
            DocumentRepository documents,
            DocumentParser parser,
            DocumentChunker chunker,
            LanguageDetector languages,
            KnowledgeIndex index,
            KnowledgeProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.documents = documents;
        this.parser = parser;
        this.chunker = chunker;
        this.languages = languages;
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${grounded.knowledge.poll-interval:1s}", initialDelayString = "1s")
    void drain() {
        while (runOnce()) {
            // keep going while there is work
        }
    }

    /** Runs the next job, if any; returns whether there was one. */
    boolean runOnce() {
        var claimed = jobs.claim(workerId, clock.instant(), LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        var job = claimed.get();
        var document = documents.find(job.tenant(), job.document());
        if (document.isEmpty()) {
            jobs.complete(job.jobId(), clock.instant());
            return true;
        }
        try {
            ingest(document.get());
            jobs.complete(job.jobId(), clock.instant());
        } catch (DocumentParser.ParseException e) {
            documents.updateStatus(
                    job.tenant(), job.document(), DocumentStatus.FAILED, e.getMessage(), clock.instant());
            jobs.fail(job.jobId(), e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Ingestion of document {} failed (attempt {})", job.document(), job.attempt(), e);
            if (job.attempt() >= properties.maxAttempts()) {
                documents.updateStatus(
                        job.tenant(),
                        job.document(),
                        DocumentStatus.FAILED,
                        "Indexing failed after " + job.attempt() + " attempts: " + e.getMessage(),
                        clock.instant());
                jobs.fail(job.jobId(), e.toString(), clock.instant());
            } else {
                jobs.retry(job.jobId(), e.toString(), clock.instant());
            }
        }
        return true;
    }

    private void ingest(KnowledgeDocument doc) throws DocumentParser.ParseException {
        // 1. Parse into structure.
        documents.updateStatus(doc.tenantId(), doc.id(), DocumentStatus.PARSING, null, clock.instant());
        var parsed = parser.parse(documents.content(doc.tenantId(), doc.id()), doc.fileName());
        String title = parsed.title() != null ? parsed.title() : doc.title();
        String text = parsed.text();
        String language = languages.detect(text.length() > 20_000 ? text.substring(0, 20_000) : text, "en");
        documents.updateProgress(doc.tenantId(), doc.id(), parsed.pages(), parsed.pages(), clock.instant());

        // 2. Chunk along the structure; each chunk keeps its section path, page and own language.
        List<DocumentChunker.Chunk> pieces = chunker.chunk(title, parsed.blocks());
        List<Document> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            DocumentChunker.Chunk piece = pieces.get(i);
            Map<String, Object> metadata = new HashMap<>();
            metadata.put(ChunkMetadata.KIND, ChunkMetadata.KIND_DOCUMENT);
            metadata.put(ChunkMetadata.TITLE, title);
            metadata.put(ChunkMetadata.LANGUAGE, languages.detect(piece.text(), language));
            metadata.put(ChunkMetadata.CHUNK_INDEX, i);
            if (!piece.section().isEmpty()) {
                metadata.put(ChunkMetadata.SECTION, piece.section());
            }
            if (piece.page() > 0) {
                metadata.put(ChunkMetadata.PAGE, piece.page());
            }
            chunks.add(Document.builder().text(piece.text()).metadata(metadata).build());
        }

        // 3. Embed and index in one switch, then mark ready.
        documents.updateStatus(doc.tenantId(), doc.id(), DocumentStatus.EMBEDDING, null, clock.instant());
        documents.updateProgress(doc.tenantId(), doc.id(), 0, chunks.size(), clock.instant());
        index.replace(doc.tenantId(), doc.id().toString(), chunks);
        documents.markReady(doc.tenantId(), doc.id(), title, language, chunks.size(), clock.instant());
        log.info("Document {} of tenant {} is ready: {} chunks", doc.id(), doc.tenantId(), chunks.size());
    }
}
