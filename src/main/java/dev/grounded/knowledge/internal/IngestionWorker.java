package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.DocumentStatus;
import dev.grounded.knowledge.KnowledgeDocument;
import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.queue.QueueWorker;
import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.LanguageDetector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs ingestion jobs as a two-stage pipeline: this instance parses and chunks the next document while the previous
 * one is being embedded, so ingestion is bound by the embedding model. Two jobs are handled at once: parsing is one
 * at a time (one parser process per instance), and so is embedding, so one job embeds while the other parses.
 * Embedding goes in batches, each reported as progress; the driver renews the leases of the jobs in hand; the chunks
 * reach the index in one switch at the end, so a document is never half searchable. A file that is refused or
 * unreadable fails alone with its reason; other errors are retried.
 */
@Component
class IngestionWorker extends QueueWorker<IngestionJobs.Claimed> {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorker.class);

    /** A document parsed and chunked, waiting for the embedding stage. */
    private record Prepared(
            IngestionJobs.Claimed job,
            KnowledgeDocument doc,
            String title,
            String language,
            List<Document> chunks,
            boolean truncated) {}

    private final IngestionJobs jobs;
    private final DocumentRepository documents;
    private final ChunkCurations curations;
    private final TransactionTemplate transactions;
    private final DocumentParser parser;
    private final DocumentChunker chunker;
    private final LanguageDetector languages;
    private final ChunkEmbedder embedder;
    private final KnowledgeIndex index;
    private final KnowledgeProperties properties;
    private final Clock clock;
    /** One document embedded at a time: a second would only share the cores with the first. */
    private final Semaphore embedding = new Semaphore(1, true);

    IngestionWorker(
            IngestionJobs jobs,
            DocumentRepository documents,
            ChunkCurations curations,
            TransactionTemplate transactions,
            DocumentParser parser,
            DocumentChunker chunker,
            LanguageDetector languages,
            ChunkEmbedder embedder,
            KnowledgeIndex index,
            KnowledgeProperties properties,
            Clock clock) {
        super(jobs.queue(), new Options("ingestion", 2, properties.pollInterval(), properties.jobLease()), clock);
        this.jobs = jobs;
        this.documents = documents;
        this.curations = curations;
        this.transactions = transactions;
        this.parser = parser;
        this.chunker = chunker;
        this.languages = languages;
        this.embedder = embedder;
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    /** Embedding runs long in native code: on platform threads, it holds no virtual thread's carrier. */
    @Override
    protected Thread.Builder threads() {
        return Thread.ofPlatform().daemon();
    }

    @Override
    protected Optional<IngestionJobs.Claimed> claim(String worker, Instant now, Duration lease) {
        return jobs.claim(worker, now, lease);
    }

    @Override
    protected void handle(IngestionJobs.Claimed job) {
        Prepared prepared = prepare(job);
        if (prepared == null) {
            return;
        }
        embedding.acquireUninterruptibly();
        try {
            embedAndIndex(prepared);
        } finally {
            embedding.release();
        }
    }

    /** Stage 1: parse and chunk. Returns null when the job ended here (refused, unreadable, gone, or retried). */
    private Prepared prepare(IngestionJobs.Claimed job) {
        try {
            var found = documents.find(job.tenant(), job.document());
            if (found.isEmpty()) {
                jobs.complete(job, clock.instant());
                return null;
            }
            KnowledgeDocument doc = found.get();
            documents.updateStatus(doc.tenantId(), doc.id(), DocumentStatus.PARSING, null, clock.instant());
            ParseOutcome outcome = parser.parse(documents.content(doc.tenantId(), doc.id()), doc.fileName());
            return switch (outcome) {
                case ParseOutcome.Rejected rejected -> end(job, DocumentStatus.REJECTED, rejected.reason());
                case ParseOutcome.Failed failed -> end(job, DocumentStatus.FAILED, failed.reason());
                case ParseOutcome.Parsed parsed -> chunk(job, doc, parsed);
            };
        } catch (RuntimeException e) {
            retryOrFail(job, e);
            return null;
        }
    }

    private Prepared chunk(IngestionJobs.Claimed job, KnowledgeDocument doc, ParseOutcome.Parsed parsed) {
        String title = parsed.title() != null ? parsed.title() : doc.title();
        String text = parsed.text();
        String language = languages.detect(text.length() > 20_000 ? text.substring(0, 20_000) : text, "en");
        List<DocumentChunker.Chunk> pieces = chunker.chunk(title, parsed.blocks());
        List<Document> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            DocumentChunker.Chunk piece = pieces.get(i);
            Map<String, Object> metadata = PassageMetadata.of(
                    title, piece.section(), piece.page(), languages.detect(piece.text(), language), i, false);
            chunks.add(Document.builder().text(piece.text()).metadata(metadata).build());
        }
        documents.updatePages(doc.tenantId(), doc.id(), parsed.pages());
        documents.updateStatus(doc.tenantId(), doc.id(), DocumentStatus.EMBEDDING, null, clock.instant());
        documents.updateProgress(doc.tenantId(), doc.id(), 0, chunks.size(), clock.instant());
        return new Prepared(job, doc, title, language, chunks, parsed.truncated());
    }

    /** Stage 2: embed in batches with progress, then index in one switch and mark the document ready. */
    private void embedAndIndex(Prepared prepared) {
        var job = prepared.job();
        var doc = prepared.doc();
        try {
            if (!jobs.holds(job)) {
                return;
            }
            // Admins' changes to passages the new reading still holds carry over; the rest are dropped, and the
            // document says so.
            var curated = curations.forDocument(doc.tenantId(), doc.id()).values();
            var carried = CurationCarryOver.apply(prepared.chunks(), curated);
            String notice =
                    DocumentNotice.of(prepared.truncated(), properties.maxCharacters(), carried.dropped(curated));
            List<Document> chunks = carried.indexed();
            List<float[]> vectors = new ArrayList<>(chunks.size());
            int batch = Math.max(1, properties.embeddingBatchSize());
            for (int from = 0; from < chunks.size(); from += batch) {
                vectors.addAll(embedder.embed(chunks.subList(from, Math.min(chunks.size(), from + batch))));
                documents.updateProgress(doc.tenantId(), doc.id(), vectors.size(), chunks.size(), clock.instant());
            }
            if (!jobs.holds(job)) {
                log.warn("Job {} passed to another instance while this one embedded it; its result is dropped", job);
                return;
            }
            index.replace(doc.tenantId(), doc.id().toString(), chunks, vectors);
            boolean stillThere = Boolean.TRUE.equals(transactions.execute(status -> {
                boolean ready = documents.markReady(
                        doc.tenantId(),
                        doc.id(),
                        prepared.title(),
                        prepared.language(),
                        prepared.chunks().size(),
                        embedder.model(),
                        notice,
                        clock.instant());
                if (ready) {
                    curations.replaceAll(doc.tenantId(), doc.id(), carried.curations());
                }
                return ready;
            }));
            if (!stillThere) {
                // Deleted while it was being embedded: take back what was just indexed.
                index.delete(doc.tenantId(), doc.id().toString());
            }
            jobs.complete(job, clock.instant());
            log.info(
                    "Document {} of tenant {} is ready: {} chunks ({} indexed){}",
                    doc.id(),
                    doc.tenantId(),
                    prepared.chunks().size(),
                    chunks.size(),
                    notice == null ? "" : "; " + notice);
        } catch (RuntimeException e) {
            retryOrFail(job, e);
        }
    }

    private Prepared end(IngestionJobs.Claimed job, DocumentStatus status, String reason) {
        documents.updateStatus(job.tenant(), job.document(), status, reason, clock.instant());
        jobs.fail(job, reason, clock.instant());
        log.info("Document {} of tenant {} is {}: {}", job.document(), job.tenant(), status, reason);
        return null;
    }

    private void retryOrFail(IngestionJobs.Claimed job, RuntimeException e) {
        log.warn("Ingestion of document {} failed (attempt {})", job.document(), job.attempt(), e);
        if (job.attempt() >= properties.maxAttempts()) {
            documents.updateStatus(
                    job.tenant(),
                    job.document(),
                    DocumentStatus.FAILED,
                    "Indexing failed after " + job.attempt() + " attempts: " + e.getMessage(),
                    clock.instant());
            jobs.fail(job, e.toString(), clock.instant());
        } else {
            jobs.retry(job, e.toString(), clock.instant());
        }
    }
}
