package dev.grounded.knowledge.internal;

import java.util.List;

/** A structural unit of a parsed document, in reading order. {@code page} is 1-based, or 0 where there are no pages. */
public sealed interface Block {

    int page();

    record Heading(int level, String text, int page) implements Block {}

    /** Body text; a list item is rendered with its marker ("- " or "1."). */
    record Paragraph(String text, int page) implements Block {}

    /** Rows of cell texts; the first row is taken as the header. */
    record Table(List<List<String>> rows, int page) implements Block {}
}
