package dev.grounded.knowledge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes running headers and footers from paged documents: a line that opens or closes most pages (page numbers
 * ignored, so "Page 3 of 40" and "Page 4 of 40" count as the same) is page furniture, not body text.
 */
final class PageFurniture {

    /** How many blocks at the top and bottom of a page are candidates. */
    private static final int EDGE = 2;

    private PageFurniture() {}

    static List<Block> remove(List<Block> blocks) {
        Map<Integer, List<Integer>> byPage = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).page() > 0) {
                byPage.computeIfAbsent(blocks.get(i).page(), p -> new ArrayList<>())
                        .add(i);
            }
        }
        int pages = byPage.size();
        if (pages < 3) {
            return blocks;
        }
        Map<String, Set<Integer>> pagesByKey = new HashMap<>();
        Set<Integer> edgeBlocks = new HashSet<>();
        for (var page : byPage.entrySet()) {
            List<Integer> indexes = page.getValue();
            for (int j = 0; j < indexes.size(); j++) {
                if (j < EDGE || j >= indexes.size() - EDGE) {
                    int index = indexes.get(j);
                    if (blocks.get(index) instanceof Block.Paragraph paragraph) {
                        edgeBlocks.add(index);
                        pagesByKey
                                .computeIfAbsent(key(paragraph.text()), k -> new HashSet<>())
                                .add(page.getKey());
                    }
                }
            }
        }
        int threshold = Math.max(3, (pages + 1) / 2);
        List<Block> body = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            boolean furniture = edgeBlocks.contains(i)
                    && block instanceof Block.Paragraph paragraph
                    && pagesByKey.get(key(paragraph.text())).size() >= threshold;
            if (!furniture) {
                body.add(block);
            }
        }
        return body;
    }

    private static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\d+", "#");
    }
}
