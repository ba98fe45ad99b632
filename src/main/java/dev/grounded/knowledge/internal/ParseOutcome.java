package dev.grounded.knowledge.internal;

import java.util.List;

/** What reading a file gave: its structure, a rejection of the file itself, or a failure to read it. */
sealed interface ParseOutcome {

    /** A parsed document: its title from the file's metadata (null when it has none) and its blocks. */
    record Parsed(String title, List<Block> blocks, int pages, boolean truncated) implements ParseOutcome {

        String text() {
            StringBuilder text = new StringBuilder();
            for (Block block : blocks) {
                switch (block) {
                    case Block.Heading h -> text.append(h.text());
                    case Block.Paragraph p -> text.append(p.text());
                    case Block.Table t ->
                        t.rows().forEach(r -> text.append(String.join(" ", r)).append('\n'));
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    /** The file is refused as it is (password, no text, unsafe structure); uploading it again will not help. */
    record Rejected(String reason) implements ParseOutcome {}

    /** The file could not be read (damaged, too slow, crashed the parser). */
    record Failed(String reason) implements ParseOutcome {}
}
