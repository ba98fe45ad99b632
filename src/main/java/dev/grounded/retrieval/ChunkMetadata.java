package dev.grounded.retrieval;

import java.util.Map;
import org.springframework.ai.document.Document;

/** Metadata keys every indexed chunk carries, and the text the embedding model sees for a chunk. */
public final class ChunkMetadata {

    public static final String TENANT = "tenant";
    /** The unit that is replaced or deleted as a whole: a document id, or {@code qr:<id>} for a quick reply. */
    public static final String SOURCE_ID = "sourceId";

    public static final String KIND = "kind";
    public static final String TITLE = "title";
    public static final String SECTION = "section";
    public static final String PAGE = "page";
    public static final String LANGUAGE = "language";
    public static final String CHUNK_INDEX = "chunkIndex";
    /** On document chunks an admin rewrote: true. */
    public static final String EDITED = "edited";

    /** On quick-reply chunks: the reply's id and its answer, so a match can be answered without another lookup. */
    public static final String QUICK_REPLY_ID = "quickReplyId";

    public static final String ANSWER = "answer";

    public static final String KIND_DOCUMENT = "document";
    public static final String KIND_QUICK_REPLY = "quick_reply";

    private ChunkMetadata() {}

    /** Title and section path go in front of the chunk text so a chunk is found by what it is about. */
    public static String embeddingText(Document chunk) {
        Map<String, Object> metadata = chunk.getMetadata();
        StringBuilder text = new StringBuilder();
        appendLine(text, metadata.get(TITLE));
        appendLine(text, metadata.get(SECTION));
        return text.append(chunk.getText()).toString();
    }

    public static String string(Document chunk, String key) {
        Object value = chunk.getMetadata().get(key);
        return value == null ? null : value.toString();
    }

    /** A numeric entry (JSON round trips may turn ints into longs or doubles); 0 when absent. */
    public static int integer(Document chunk, String key) {
        return chunk.getMetadata().get(key) instanceof Number n ? n.intValue() : 0;
    }

    private static void appendLine(StringBuilder text, Object value) {
        if (value != null && !value.toString().isBlank()) {
            text.append(value).append('\n');
        }
    }
}
