package dev.grounded.channel.whatsapp;

import dev.grounded.retrieval.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers as WhatsApp shows them: Markdown becomes WhatsApp's own formatting ({@code *bold*}, {@code _italic_},
 * {@code ~strike~}, {@code ```mono```}), tables become one line per row, and a text too long for one message is split
 * between paragraphs, else between sentences, else between words.
 */
public final class WhatsAppText {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*(?!\\s)([^*\\n]+?)(?<!\\s)\\*(?![*\\w])");
    private static final Pattern STRIKE = Pattern.compile("~~(.+?)~~");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");
    private static final Pattern BULLET = Pattern.compile("(?m)^(\\s*)[*+]\\s+");
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_-]*\\n");
    private static final String BOLD_MARK = "\u0000B";
    private static final Pattern TABLE_RULE = Pattern.compile(":?-{3,}:?");
    private static final Pattern FLATTENED = Pattern.compile("\\|\\s*\\|\\s*:?-{3,}:?\\s*\\|");
    private static final Pattern FIGURE = Pattern.compile("[\\p{Sc}+-]?\\d");

    private WhatsAppText() {}

    public static String format(String markdown) {
        if (markdown == null) {
            return null;
        }
        String text = FENCE.matcher(tables(markdown)).replaceAll("```");
        text = HEADING.matcher(text).replaceAll(m -> Matcher.quoteReplacement(BOLD_MARK + m.group(1) + BOLD_MARK));
        text = BULLET.matcher(text).replaceAll("$1- ");
        // Bold first, behind a marker, so the single-asterisk italic rule does not see it.
        text = BOLD.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        BOLD_MARK + (m.group(1) != null ? m.group(1) : m.group(2)) + BOLD_MARK));
        text = ITALIC.matcher(text).replaceAll("_$1_");
        text = STRIKE.matcher(text).replaceAll("~$1~");
        text = LINK.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        m.group(1).equals(m.group(2)) ? m.group(2) : m.group(1) + " (" + m.group(2) + ")"));
        return text.replace(BOLD_MARK, "*");
    }

    /**
     * Markdown tables, which WhatsApp shows as rows of pipes and dashes, as one line per row: each cell after its
     * column's header ({@code - Plan: Fibre 1000; Price: €44.90}). The header is the first row when a {@code ---} rule
     * follows it, or when none of its cells is a figure; otherwise the rows keep their cells, joined.
     */
    static String tables(String markdown) {
        String[] lines =
                markdown.lines().flatMap(line -> unflattened(line).stream()).toArray(String[]::new);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            if (!isRow(lines[i])) {
                out.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
                i++;
                continue;
            }
            int end = i;
            while (end < lines.length && isRow(lines[end])) {
                end++;
            }
            List<List<String>> rows = new ArrayList<>();
            for (int r = i; r < end; r++) {
                rows.add(cells(lines[r]));
            }
            boolean ruled = rows.size() > 1
                    && rows.get(1).stream().allMatch(c -> TABLE_RULE.matcher(c).matches());
            // Without the rule under it, a first row with no cell that is a figure reads as the header all the same: a
            // table in a document's text rarely has the rule, and a chunk that starts mid-table starts with figures.
            boolean headed = ruled
                    || (rows.size() > 1
                            && rows.getFirst().stream()
                                    .noneMatch(c -> FIGURE.matcher(c).lookingAt()));
            List<String> header = headed ? rows.getFirst() : List.of();
            for (int r = ruled ? 2 : headed ? 1 : 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                List<String> parts = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c).isEmpty()) {
                        continue;
                    }
                    String name = c < header.size() ? header.get(c) : "";
                    parts.add(name.isEmpty() ? row.get(c) : name + ": " + row.get(c));
                }
                if (!parts.isEmpty()) {
                    out.append("- ").append(String.join("; ", parts)).append("\n");
                }
            }
            if (end == lines.length && !out.isEmpty() && out.charAt(out.length() - 1) == '\n') {
                out.setLength(out.length() - 1);
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * A table whose line breaks were lost on the way (passages quoted as one line: {@code | Plan | Price | | --- | ---
     * | | Fibre 300 | 29.90 |}), with what came before and after it, as lines again. The rule row gives the number of
     * columns; rows are separated by one empty cell. Anything else is left as it is.
     */
    private static List<String> unflattened(String line) {
        int first = line.indexOf('|');
        int last = line.lastIndexOf('|');
        if (first < 0 || last <= first || !FLATTENED.matcher(line).find()) {
            return List.of(line);
        }
        List<String> cells = cells(line.substring(first, last + 1));
        int columns = 0;
        while (columns < cells.size() && !TABLE_RULE.matcher(cells.get(columns)).matches()) {
            columns++;
        }
        columns--;
        if (columns < 1 || (cells.size() + 1) % (columns + 1) != 0) {
            return List.of(line);
        }
        List<String> lines = new ArrayList<>();
        if (!line.substring(0, first).isBlank()) {
            lines.add(line.substring(0, first).strip());
        }
        for (int start = 0; start < cells.size(); start += columns + 1) {
            if (start + columns < cells.size() && !cells.get(start + columns).isEmpty()) {
                return List.of(line);
            }
            lines.add("| " + String.join(" | ", cells.subList(start, start + columns)) + " |");
        }
        if (!line.substring(last + 1).isBlank()) {
            lines.add(line.substring(last + 1).strip());
        }
        return lines;
    }

    private static boolean isRow(String line) {
        String trimmed = line.strip();
        return trimmed.length() > 1 && trimmed.startsWith("|") && trimmed.indexOf('|', 1) > 0;
    }

    private static List<String> cells(String line) {
        String trimmed = line.strip();
        trimmed = trimmed.substring(
                1, trimmed.endsWith("|") && trimmed.length() > 1 ? trimmed.length() - 1 : trimmed.length());
        List<String> cells = new ArrayList<>();
        for (String cell : trimmed.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip().replace("\\|", "|"));
        }
        return cells;
    }

    /** The text in parts of at most {@code limit} characters, cut at the largest boundary that fits. */
    public static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            if (paragraph.length() > limit) {
                for (String piece : pieces(paragraph, limit)) {
                    append(parts, current, piece, " ", limit);
                }
                continue;
            }
            append(parts, current, paragraph, "\n\n", limit);
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static void append(List<String> parts, StringBuilder current, String piece, String glue, int limit) {
        if (current.isEmpty()) {
            current.append(piece);
        } else if (current.length() + glue.length() + piece.length() <= limit) {
            current.append(glue).append(piece);
        } else {
            parts.add(current.toString());
            current.setLength(0);
            current.append(piece);
        }
    }

    /** A paragraph too long for one message: its sentences, and any sentence still too long, its words. */
    private static List<String> pieces(String paragraph, int limit) {
        List<String> pieces = new ArrayList<>();
        for (String sentence : Sentences.split(paragraph)) {
            if (sentence.length() <= limit) {
                pieces.add(sentence);
                continue;
            }
            StringBuilder words = new StringBuilder();
            for (String word : sentence.split("\\s+")) {
                while (word.length() > limit) {
                    if (!words.isEmpty()) {
                        pieces.add(words.toString());
                        words.setLength(0);
                    }
                    pieces.add(word.substring(0, limit));
                    word = word.substring(limit);
                }
                if (!words.isEmpty() && words.length() + 1 + word.length() > limit) {
                    pieces.add(words.toString());
                    words.setLength(0);
                }
                words.append(words.isEmpty() ? "" : " ").append(word);
            }
            if (!words.isEmpty()) {
                pieces.add(words.toString());
            }
        }
        return pieces;
    }
}
