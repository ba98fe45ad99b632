package dev.grounded.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxUploadSize the largest file accepted
 * @param maxCharacters text extracted from one document beyond which the rest is ignored
 * @param chunkTokens target size of a chunk, in the embedding model's tokens (never more than the model reads)
 * @param overlapTokens at most this many tokens of a section's previous chunk open its next one
 * @param maxAttempts how often a failing ingestion job is tried before the document is marked failed
 */
@ConfigurationProperties("grounded.knowledge")
public record KnowledgeProperties(
        @DefaultValue("50MB") DataSize maxUploadSize,
        @DefaultValue("5000000") long maxCharacters,
        @DefaultValue("300") int chunkTokens,
        @DefaultValue("50") int overlapTokens,
        @DefaultValue("3") int maxAttempts) {}
