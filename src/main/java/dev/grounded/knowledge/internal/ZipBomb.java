package dev.grounded.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipInputStream;

/**
 * Office files are zip containers. A file whose parts inflate to a hundred times its size is refused before a parser
 * sees it: given a DOCX with 64 MB of one repeated character (a few dozen kilobytes zipped), Tika and POI ran the parser
 * process out of a 256 MB heap before their own ratio checks refused it. Inflating to count costs a fraction of
 * parsing and stops as soon as the limit is passed.
 */
final class ZipBomb {

    static final int MAX_RATIO = 100;
    /** Below this a high ratio is harmless (small files of repetitive XML compress that well). */
    static final long MIN_SUSPICIOUS_BYTES = 16L * 1024 * 1024;

    private ZipBomb() {}

    static boolean suspected(byte[] content) {
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4) {
            return false;
        }
        long limit = Math.max(MIN_SUSPICIOUS_BYTES, (long) MAX_RATIO * content.length);
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            while (zip.getNextEntry() != null) {
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    inflated += read;
                    if (inflated > limit) {
                        return true;
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged container is the parser's to report.
        }
        return false;
    }
}
