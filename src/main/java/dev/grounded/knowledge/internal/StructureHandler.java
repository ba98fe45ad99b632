package dev.grounded.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML into {@link Block}s: headings, paragraphs and list items, and tables as rows of cells, each with
 * the page it is on (PDFs: Tika's {@code <div class="page">}). Page headers and footers Tika marks are dropped. Some
 * Tika extractors separate paragraphs by line breaks instead of elements, so a line break outside a table or heading
 * also ends a paragraph. Nested tables are flattened into the cell that holds them.
 */
final class StructureHandler extends DefaultHandler {

    private static final Set<String> BLOCK_ELEMENTS =
            Set.of("p", "div", "li", "br", "ul", "ol", "blockquote", "pre", "section", "article", "dd", "dt", "hr");
    private static final Set<String> SKIPPED_ELEMENTS = Set.of("head", "title", "script", "style");
    private static final Set<String> SKIPPED_CLASSES = Set.of("header", "footer");
    private static final Pattern BULLET = Pattern.compile("^[·•▪◦●○■□➢✓\\-*–]\\s+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final long maxCharacters;
    private long characters;
    /** The text ends in a hyphen at a PDF line's end; see {@link #ignorableWhitespace}. */
    private boolean brokenWord;

    private static final char SOFT_HYPHEN = '\u00ad';
    private boolean truncated;
    private int page;
    private int headingLevel;
    private int skipDepth;
    private boolean listItem;
    private int tableDepth;
    private List<List<String>> rows;
    private List<String> row;
    private StringBuilder cell;

    StructureHandler(long maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    List<Block> blocks() {
        flush();
        return blocks;
    }

    /** Whether the text limit was reached and the rest of the document ignored. */
    boolean truncated() {
        return truncated;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        String name = name(localName, qName);
        if (skipDepth > 0) {
            skipDepth++;
            return;
        }
        String cssClass = attributes.getValue("class");
        if (SKIPPED_ELEMENTS.contains(name)
                || (cssClass != null && SKIPPED_CLASSES.contains(cssClass.toLowerCase(Locale.ROOT)))) {
            skipDepth = 1;
            return;
        }
        if (tableDepth > 0) {
            startInTable(name);
            return;
        }
        if (name.equals("div") && "page".equals(cssClass)) {
            flush();
            page++;
        } else if (name.equals("table")) {
            flush();
            tableDepth = 1;
            rows = new ArrayList<>();
        } else if (headingLevel(name) > 0) {
            flush();
            headingLevel = headingLevel(name);
        } else if (BLOCK_ELEMENTS.contains(name)) {
            flush();
            listItem = name.equals("li");
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = name(localName, qName);
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        if (tableDepth > 0) {
            endInTable(name);
            return;
        }
        if (headingLevel > 0 && headingLevel(name) == headingLevel) {
            String heading = clean(text);
            text.setLength(0);
            if (!heading.isEmpty()) {
                blocks.add(new Block.Heading(headingLevel, heading, page));
            }
            headingLevel = 0;
        } else if (BLOCK_ELEMENTS.contains(name)) {
            flush();
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (skipDepth > 0 || truncated) {
            return;
        }
        characters += length;
        if (characters > maxCharacters) {
            truncated = true;
            return;
        }
        if (tableDepth > 0) {
            if (cell != null) {
                cell.append(ch, start, length);
            }
            return;
        }
        for (int i = start; i < start + length; i++) {
            if (brokenWord && !Character.isWhitespace(ch[i])) {
                brokenWord = false;
                if (Character.isLowerCase(ch[i])) {
                    // "adip-" at a line's end and "iscing" on the next: one word, the hyphen was the line break's.
                    text.setLength(text.length() - 1);
                }
            }
            if (ch[i] == '\n' && headingLevel == 0) {
                flush();
            } else if (ch[i] != SOFT_HYPHEN) {
                text.append(ch[i]);
            }
        }
    }

    /**
     * Tika writes the line breaks inside a PDF paragraph (and its own formatting newlines) as ignorable whitespace;
     * they separate words, so they count as a space, never as nothing.
     */
    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (skipDepth > 0 || truncated || length == 0) {
            return;
        }
        if (tableDepth > 0) {
            if (cell != null) {
                cell.append(' ');
            }
            return;
        }
        if (brokenWord || endsInHyphenatedWord(text)) {
            // Decided by the next line's first letter: a lower-case one continues the word.
            brokenWord = true;
            return;
        }
        text.append(' ');
    }

    /** Ends in a lower-case letter and a hyphen: a word a PDF may have broken at its line's end. */
    private static boolean endsInHyphenatedWord(StringBuilder text) {
        int n = text.length();
        return n >= 2 && text.charAt(n - 1) == '-' && Character.isLowerCase(text.charAt(n - 2));
    }

    private void startInTable(String name) {
        if (name.equals("table")) {
            tableDepth++;
        } else if (tableDepth == 1 && name.equals("tr")) {
            row = new ArrayList<>();
        } else if (tableDepth == 1 && (name.equals("td") || name.equals("th"))) {
            cell = new StringBuilder();
        } else if (cell != null) {
            cell.append(' ');
        }
    }

    private void endInTable(String name) {
        if (name.equals("table")) {
            tableDepth--;
            if (tableDepth == 0) {
                if (!rows.isEmpty()) {
                    blocks.add(new Block.Table(List.copyOf(rows), page));
                }
                rows = null;
            }
        } else if (tableDepth == 1 && (name.equals("td") || name.equals("th")) && cell != null) {
            if (row != null) {
                row.add(clean(cell));
            }
            cell = null;
        } else if (tableDepth == 1 && name.equals("tr") && row != null) {
            if (row.stream().anyMatch(c -> !c.isEmpty())) {
                rows.add(List.copyOf(row));
            }
            row = null;
        }
    }

    private void flush() {
        brokenWord = false;
        String paragraph = clean(text);
        text.setLength(0);
        if (paragraph.isEmpty()) {
            return;
        }
        var bullet = BULLET.matcher(paragraph);
        if (bullet.find()) {
            paragraph = "- " + paragraph.substring(bullet.end());
        } else if (listItem) {
            paragraph = "- " + paragraph;
        }
        blocks.add(new Block.Paragraph(paragraph, page));
    }

    private static String clean(CharSequence text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static int headingLevel(String name) {
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
                ? name.charAt(1) - '0'
                : 0;
    }

    private static String name(String localName, String qName) {
        return (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }
}
