package dev.grounded.knowledge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxUploadSize the largest file accepted
 * @param maxCharacters text extracted from one document beyond which the rest is ignored
 * @param chunkTokens target size of a chunk, in the embedding model's tokens (never more than the model reads)
 * @param overlapTokens at most this many tokens of a section's previous chunk open its next one
 * @param maxAttempts how often a failing ingestion job is tried before the document is marked failed
 * @param parseTimeout how long reading one file may take before it is stopped and the document fails
 * @param maxEmbeddedDepth how deep attachments inside attachments are read; deeper ones are skipped
 * @param parserMemory the heap of the separate process that reads files; a file that needs more fails alone
 * @param ocr whether PDFs without a text layer are read with OCR (needs {@code tesseract} on the PATH)
 * @param embeddingBatchSize chunks embedded per call to the model, and per progress update
 * @param jobLease how long a claimed job stays with its instance without a sign of life; an instance that died
 *     releases its jobs after this
 * @param pollInterval how often an instance looks for jobs other instances queued
 */
@ConfigurationProperties("grounded.knowledge")
public record KnowledgeProperties(
        @DefaultValue("50MB") DataSize maxUploadSize,
        @DefaultValue("5000000") long maxCharacters,
        @DefaultValue("300") int chunkTokens,
        @DefaultValue("50") int overlapTokens,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("60s") Duration parseTimeout,
        @DefaultValue("2") int maxEmbeddedDepth,
        @DefaultValue("768MB") DataSize parserMemory,
        @DefaultValue("false") boolean ocr,
        @DefaultValue("32") int embeddingBatchSize,
        @DefaultValue("2m") Duration jobLease,
        @DefaultValue("1s") Duration pollInterval) {

    /** The defaults, with the given chunk sizes; for tests and tools that build the pipeline by hand. */
    public static KnowledgeProperties withChunks(int chunkTokens, int overlapTokens) {
        return new KnowledgeProperties(
                DataSize.ofMegabytes(50),
                5_000_000,
                chunkTokens,
                overlapTokens,
                3,
                Duration.ofSeconds(60),
                2,
                DataSize.ofMegabytes(768),
                false,
                32,
                Duration.ofMinutes(2),
                Duration.ofSeconds(1));
    }
}
