package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.retrieval.Sentences;
import dev.grounded.retrieval.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Cuts a parsed document into chunks along its structure, measured in the embedding model's own tokens.
 *
 * <ul>
 *   <li>A heading ends the chunk before it; every chunk carries its section path ("Fees > Monthly plans").
 *   <li>Paragraphs are packed up to the target size; a paragraph longer than that is cut at sentence boundaries, and
 *       the next chunk of a section opens with the last sentences of the previous one (the overlap).
 *   <li>Tables become Markdown tables. A row is never split across chunks, and a table that spans chunks repeats its
 *       header row in each.
 *   <li>No chunk, with the title and section path that are embedded in front of it, exceeds what the model reads.
 * </ul>
 */
@Component
public class DocumentChunker {

    /** A chunk's text, its section path (empty when the document has no headings) and its first page (0: none). */
    public record Chunk(String text, String section, int page, int tokens) {}

    private static final String SECTION_SEPARATOR = " > ";
    /** Room for the line breaks between title, section and text, which the tokenizer may count. */
    private static final int MARGIN = 8;

    private final TokenCounter tokens;
    private final int targetTokens;
    private final int overlapTokens;

    DocumentChunker(TokenCounter tokens, KnowledgeProperties properties) {
        this.tokens = tokens;
        this.targetTokens = properties.chunkTokens();
        this.overlapTokens = Math.min(properties.overlapTokens(), properties.chunkTokens() / 3);
    }

    public List<Chunk> chunk(String title, List<Block> blocks) {
        return new Run(title == null ? "" : title).chunk(blocks);
    }

    /** The most tokens a passage's text may have for the embedding model to read all of it with its title and section. */
    public int maxTokens(String title, String section) {
        return TokenCounter.MODEL_MAX_TOKENS
                - TokenCounter.SPECIAL_TOKENS
                - tokens.count(title == null ? "" : title)
                - tokens.count(section == null ? "" : section)
                - MARGIN;
    }

    public int tokens(String text) {
        return tokens.count(text);
    }

    /** The state of chunking one document. */
    private final class Run {

        private final int titleTokens;
        private final String[] headings = new String[7];
        private final List<Chunk> chunks = new ArrayList<>();
        private final List<String> parts = new ArrayList<>();
        private String section = "";
        private int budget;
        private int used;
        private int page;
        private String lastProse;

        Run(String title) {
            this.titleTokens = tokens.count(title);
            this.budget = budgetFor("");
        }

        List<Chunk> chunk(List<Block> blocks) {
            for (Block block : blocks) {
                switch (block) {
                    case Block.Heading heading -> enterSection(heading);
                    case Block.Paragraph paragraph -> addProse(paragraph.text(), paragraph.page());
                    case Block.Table table -> addTable(table);
                }
            }
            emit();
            return chunks;
        }

        private void enterSection(Block.Heading heading) {
            emit();
            lastProse = null;
            int level = Math.min(Math.max(heading.level(), 1), 6);
            headings[level] = heading.text();
            Arrays.fill(headings, level + 1, headings.length, null);
            section = Arrays.stream(headings).filter(Objects::nonNull).collect(Collectors.joining(SECTION_SEPARATOR));
            budget = budgetFor(section);
        }

        private int budgetFor(String sectionPath) {
            int limit = TokenCounter.MODEL_MAX_TOKENS
                    - TokenCounter.SPECIAL_TOKENS
                    - titleTokens
                    - tokens.count(sectionPath)
                    - MARGIN;
            // A pathological title or section path still leaves room for some text.
            return Math.max(32, Math.min(targetTokens, limit));
        }

        private void addProse(String text, int textPage) {
            int size = tokens.count(text);
            if (size > budget) {
                // Pieces leave room for the overlap that opens the chunk after them.
                for (String piece : split(text, Math.max(budget / 2, budget - overlapTokens))) {
                    addProse(piece, textPage);
                }
                return;
            }
            if (used + size > budget && !parts.isEmpty()) {
                emitWithOverlap(size);
            }
            add(text, size, textPage);
            lastProse = text;
        }

        private void addTable(Block.Table table) {
            List<String> rows = table.rows().stream().map(Run::markdownRow).toList();
            int columns = table.rows().getFirst().size();
            String header = rows.getFirst() + "\n" + "| --- ".repeat(columns) + "|";
            int headerSize = tokens.count(header);
            if (rows.size() == 1) {
                addProse(header, table.page());
                return;
            }
            lastProse = null;
            StringBuilder current = null;
            int currentSize = 0;
            for (String row : rows.subList(1, rows.size())) {
                int rowSize = tokens.count(row);
                if (headerSize + rowSize > budget) {
                    // A single row larger than a chunk: the only case where a row has to be cut.
                    if (current != null) {
                        add(current.toString(), currentSize, table.page());
                        current = null;
                    }
                    emit();
                    for (String piece : split(row, budget - headerSize)) {
                        add(header + "\n" + piece, headerSize + tokens.count(piece), table.page());
                        emit();
                    }
                    continue;
                }
                if (current == null) {
                    if (used + headerSize + rowSize > budget) {
                        emit();
                    }
                    current = new StringBuilder(header);
                    currentSize = headerSize;
                } else if (used + currentSize + rowSize > budget) {
                    add(current.toString(), currentSize, table.page());
                    emit();
                    current = new StringBuilder(header);
                    currentSize = headerSize;
                }
                current.append('\n').append(row);
                currentSize += rowSize;
            }
            if (current != null) {
                add(current.toString(), currentSize, table.page());
            }
        }

        private void add(String text, int size, int textPage) {
            if (parts.isEmpty()) {
                page = textPage;
            }
            parts.add(text);
            used += size;
        }

        /** Emits the current chunk and opens the next with the end of the last paragraph, if it fits beside next. */
        private void emitWithOverlap(int nextSize) {
            String overlap = lastProse == null ? null : tail(lastProse, Math.min(overlapTokens, budget - nextSize));
            emit();
            if (overlap != null) {
                add(overlap, tokens.count(overlap), page);
            }
        }

        private void emit() {
            if (parts.isEmpty()) {
                return;
            }
            String text = String.join("\n\n", parts);
            chunks.add(new Chunk(text, section, page, tokens.count(text)));
            parts.clear();
            used = 0;
        }

        /** The last whole sentences of a paragraph that fit in {@code max} tokens, or null when none does. */
        private String tail(String text, int max) {
            List<String> sentences = Sentences.split(text);
            StringBuilder tail = new StringBuilder();
            int size = 0;
            for (int i = sentences.size() - 1; i > 0; i--) {
                int sentenceSize = tokens.count(sentences.get(i));
                if (size + sentenceSize > max) {
                    break;
                }
                tail.insert(0, sentences.get(i) + " ");
                size += sentenceSize;
            }
            return tail.isEmpty() ? null : tail.toString().strip();
        }

        /** Cuts text into pieces of at most {@code max} tokens, at sentence boundaries where it can. */
        private List<String> split(String text, int max) {
            List<String> pieces = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            int size = 0;
            for (String sentence : Sentences.split(text)) {
                int sentenceSize = tokens.count(sentence);
                if (sentenceSize > max) {
                    if (!piece.isEmpty()) {
                        pieces.add(piece.toString().strip());
                        piece.setLength(0);
                        size = 0;
                    }
                    pieces.addAll(splitWords(sentence, max));
                    continue;
                }
                if (size + sentenceSize > max && !piece.isEmpty()) {
                    pieces.add(piece.toString().strip());
                    piece.setLength(0);
                    size = 0;
                }
                piece.append(sentence).append(' ');
                size += sentenceSize;
            }
            if (!piece.isEmpty()) {
                pieces.add(piece.toString().strip());
            }
            return pieces;
        }

        /**
         * The model's WordPiece tokenizer splits on whitespace before anything else, so a run of words has as many
         * tokens as its words together: each word is counted once (counting the growing piece was quadratic).
         */
        private List<String> splitWords(String sentence, int max) {
            List<String> pieces = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            int size = 0;
            for (String word : sentence.split("\\s+")) {
                int wordSize = tokens.count(word);
                if (size + wordSize > max && !piece.isEmpty()) {
                    pieces.add(piece.toString());
                    piece.setLength(0);
                    size = 0;
                }
                piece.append(piece.isEmpty() ? "" : " ").append(word);
                size += wordSize;
            }
            if (!piece.isEmpty()) {
                pieces.add(piece.toString());
            }
            return pieces;
        }

        private static String markdownRow(List<String> cells) {
            return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
        }
    }
}
