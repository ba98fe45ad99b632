package dev.grounded.knowledge;

/** One document as a measurement records it: which file (by content hash) it was, and whether it was ready. */
public record KnowledgeFingerprint(String id, String title, String sha256, String status) {}
