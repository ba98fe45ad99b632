package dev.grounded.knowledge;

/**
 * One document as a measurement records it: which file (by content hash) it was, whether it was ready, and what admins
 * had changed in its passages.
 *
 * @param curation a hash of the passages' edits and disabled ones; null when none was changed
 */
public record KnowledgeFingerprint(String id, String title, String sha256, String status, String curation) {

    KnowledgeFingerprint withCuration(String digest) {
        return new KnowledgeFingerprint(id, title, sha256, status, digest);
    }
}
