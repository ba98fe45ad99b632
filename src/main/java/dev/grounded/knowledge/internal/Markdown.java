package dev.grounded.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown as HTML, so that Tika's HTML parser hands {@link StructureHandler} its headings, lists and tables: Tika
 * reads Markdown as plain text, which loses the section structure that chunking and citations follow. Raw HTML inside
 * the Markdown is kept for that parser too (it reads text; nothing is rendered).
 */
final class Markdown {

    private static final List<MediaType> TYPES =
            List.of(MediaType.text("x-web-markdown"), MediaType.text("markdown"), MediaType.text("x-markdown"));
    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private Markdown() {}

    /** Whether the name is a Markdown file's; Tika knows Markdown by its name alone (no magic bytes). */
    static boolean named(String fileName) {
        return fileName != null
                && TYPES.contains(
                        MediaType.parse(MIME_TYPES.getMimeType(fileName).getName()));
    }

    static boolean is(MediaType type) {
        return type != null && TYPES.contains(type.getBaseType());
    }

    /** The file (in whatever encoding it was saved; Tika guesses it) as a UTF-8 HTML document. */
    static byte[] toHtml(byte[] markdown) throws IOException, TikaException {
        String text;
        try (Reader reader = new AutoDetectReader(new ByteArrayInputStream(markdown))) {
            var out = new StringWriter();
            reader.transferTo(out);
            text = out.toString();
        }
        String html = "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>"
                + RENDERER.render(PARSER.parse(text)) + "</body></html>";
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
