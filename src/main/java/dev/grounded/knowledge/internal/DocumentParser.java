package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.KnowledgeProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * Detects what an upload is and parses it with Apache Tika into structural {@link Block}s (Tika's XHTML, not flat
 * text). Word documents are read without tracked-change deletions, moved-from text, or page headers and footers;
 * running headers and footers of PDFs are removed by {@link PageFurniture}.
 */
@Component
public class DocumentParser {

    /** A parsed document: its title from the file's metadata (null when it has none) and its blocks. */
    public record Parsed(String title, List<Block> blocks, int pages, boolean truncated) {

        public String text() {
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

    /** Thrown with a reason a tenant admin can act on. */
    public static class ParseException extends Exception {
        public ParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final Set<String> SUPPORTED = Set.of(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/msword",
            "application/vnd.oasis.opendocument.text",
            "application/rtf",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "text/csv",
            "text/html",
            "text/markdown",
            "text/x-web-markdown",
            "text/plain");

    private final Tika tika = new Tika();
    private final AutoDetectParser parser = new AutoDetectParser();
    private final long maxCharacters;

    DocumentParser(KnowledgeProperties properties) {
        this.maxCharacters = properties.maxCharacters();
    }

    public String detect(byte[] content, String fileName) {
        return tika.detect(content, fileName);
    }

    public boolean supported(String mediaType) {
        return SUPPORTED.contains(mediaType);
    }

    public Parsed parse(byte[] content, String fileName) throws ParseException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        StructureHandler handler = new StructureHandler(maxCharacters);
        try {
            parser.parse(new ByteArrayInputStream(content), handler, metadata, context());
        } catch (EncryptedDocumentException e) {
            throw new ParseException("The file is password-protected; upload an unprotected copy.", e);
        } catch (TikaException | IOException | SAXException e) {
            throw new ParseException("The file could not be read: " + rootMessage(e), e);
        }
        List<Block> blocks = PageFurniture.remove(handler.blocks());
        if (blocks.isEmpty()) {
            throw new ParseException("No text was found in the file (a scanned image without a text layer?).", null);
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        int pages = blocks.stream().mapToInt(Block::page).max().orElse(0);
        return new Parsed(title == null || title.isBlank() ? null : title.strip(), blocks, pages, handler.truncated());
    }

    private static ParseContext context() {
        var office = new OfficeParserConfig();
        // The SAX extractor is the one that honours these switches.
        office.setUseSAXDocxExtractor(true);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        office.setIncludeHeadersAndFooters(false);
        office.setExtractMacros(false);
        var pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setCatchIntermediateIOExceptions(true);
        var context = new ParseContext();
        context.set(OfficeParserConfig.class, office);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
