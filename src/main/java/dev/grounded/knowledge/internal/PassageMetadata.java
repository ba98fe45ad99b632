package dev.grounded.knowledge.internal;

import dev.grounded.retrieval.ChunkMetadata;
import java.util.HashMap;
import java.util.Map;

/** The metadata a document's passage is indexed with, whether ingestion or an admin's change puts it there. */
public final class PassageMetadata {

    private PassageMetadata() {}

    /**
     * @param section the heading path, or null or empty when there is none
     * @param page the first page, or null or 0 when the format has none
     */
    public static Map<String, Object> of(
            String title, String section, Integer page, String language, int index, boolean edited) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(ChunkMetadata.KIND, ChunkMetadata.KIND_DOCUMENT);
        metadata.put(ChunkMetadata.TITLE, title);
        if (language != null) {
            metadata.put(ChunkMetadata.LANGUAGE, language);
        }
        metadata.put(ChunkMetadata.CHUNK_INDEX, index);
        if (section != null && !section.isEmpty()) {
            metadata.put(ChunkMetadata.SECTION, section);
        }
        if (page != null && page > 0) {
            metadata.put(ChunkMetadata.PAGE, page);
        }
        if (edited) {
            metadata.put(ChunkMetadata.EDITED, true);
        }
        return metadata;
    }
}
