package dev.grounded.knowledge;

/**
 * Where a document's ingestion stands. {@code REJECTED}: the file itself cannot be used as it is (password, no text,
 * unsafe structure); {@code FAILED}: reading or indexing it went wrong (damaged file, time or memory limit, errors).
 */
public enum DocumentStatus {
    QUEUED,
    PARSING,
    EMBEDDING,
    READY,
    FAILED,
    REJECTED;

    public boolean finished() {
        return this == READY || this == FAILED || this == REJECTED;
    }
}
