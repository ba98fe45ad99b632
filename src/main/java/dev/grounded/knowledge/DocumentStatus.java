package dev.grounded.knowledge;

public enum DocumentStatus {
    QUEUED,
    PARSING,
    EMBEDDING,
    READY,
    FAILED;

    public boolean finished() {
        return this == READY || this == FAILED;
    }
}
