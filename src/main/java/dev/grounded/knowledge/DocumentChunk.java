package dev.grounded.knowledge;

import java.time.Instant;

/**
 * One passage of a document, as retrieval sees it, with what an admin changed in it.
 *
 * @param index its position in the document, from 0
 * @param section the heading path ("Billing › Refunds"), or null
 * @param page the page it starts on, or null when the format has no pages
 * @param text what the bot answers from: the edited text when it was edited
 * @param enabled false when an admin took it out of the knowledge: the bot never sees it
 * @param originalText the passage as read from the file when it was edited, else null
 * @param curatedBy who last edited, disabled or enabled it; null when untouched
 */
public record DocumentChunk(
        int index,
        String section,
        Integer page,
        String language,
        String text,
        boolean enabled,
        String originalText,
        String curatedBy,
        Instant curatedAt) {

    public boolean edited() {
        return originalText != null;
    }
}
