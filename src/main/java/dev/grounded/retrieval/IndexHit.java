package dev.grounded.retrieval;

import org.springframework.ai.document.Document;

/**
 * One result of one search leg. For the dense leg the score is the cosine similarity in [-1, 1]; for the keyword leg
 * it is the backend's relevance score, comparable only within one result list.
 */
public record IndexHit(Document chunk, double score) {}
