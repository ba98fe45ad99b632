package dev.grounded.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxUploadSize the largest file accepted
 * @param chunkWords target size of a chunk, in words (about 1.3 tokens each for English); small chunks keep a chunk about one thing, which
 *     is what makes its similarity to a question a usable confidence signal
 * @param overlapWords words repeated from the end of one chunk at the start of the next
 * @param maxAttempts how often a failing ingestion job is tried before the document is marked failed
 */
@ConfigurationProperties("grounded.knowledge")
public record KnowledgeProperties(
        @DefaultValue("50MB") DataSize maxUploadSize,
        @DefaultValue("100") int chunkWords,
        @DefaultValue("20") int overlapWords,
        @DefaultValue("3") int maxAttempts) {}
