package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.KnowledgeProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Splits text into chunks of about {@code chunkWords} words along paragraph boundaries, carrying the last
 * {@code overlapWords} words of a chunk into the next one so an answer that straddles the boundary is still found.
 */
@Component
public class TextChunker {

    private final int chunkWords;
    private final int overlapWords;

    TextChunker(KnowledgeProperties properties) {
        this.chunkWords = properties.chunkWords();
        this.overlapWords = Math.min(properties.overlapWords(), properties.chunkWords() / 2);
    }

    public List<String> chunk(String text) {
        List<String> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String paragraph : text.split("\\R\\s*\\R")) {
            String[] words = paragraph.strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && current.size() + words.length > chunkWords) {
                chunks.add(body.toString().strip());
                current = new ArrayList<>(current.subList(Math.max(0, current.size() - overlapWords), current.size()));
                body = new StringBuilder(String.join(" ", current)).append("\n\n");
            }
            for (int start = 0; start < words.length; start += chunkWords) {
                List<String> part = Arrays.asList(words).subList(start, Math.min(words.length, start + chunkWords));
                if (start > 0) {
                    chunks.add(body.toString().strip());
                    current = new ArrayList<>(
                            current.subList(Math.max(0, current.size() - overlapWords), current.size()));
                    body = new StringBuilder(String.join(" ", current)).append(' ');
                }
                current.addAll(part);
                body.append(String.join(" ", part));
            }
            body.append("\n\n");
        }
        if (!current.isEmpty()) {
            chunks.add(body.toString().strip());
        }
        return chunks;
    }
}
