package dev.grounded.knowledge;

/**
 * One indexed passage of a document, as retrieval sees it.
 *
 * @param section the heading path ("Billing › Refunds"), or null
 * @param page the page it starts on, or null when the format has no pages
 */
public record DocumentChunk(int index, String section, Integer page, String language, String text) {}
