package dev.grounded.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Runs Apache Tika on one file and turns its XHTML into {@link Block}s. This is the part that reads untrusted bytes,
 * so the application runs it in a separate JVM ({@link ParserProcess}); tests of structure call it directly.
 *
 * <p>Word documents are read without tracked-change deletions, moved-from text, or page headers and footers (only
 * Tika's SAX extractor honours those switches); PDF running headers and footers are removed by {@link PageFurniture}.
 * Embedded documents are read down to {@code maxEmbeddedDepth}; deeper ones are skipped.
 */
final class TikaExtraction {

    /** Limits and switches; they travel to the parser process as system properties. */
    record Settings(long maxCharacters, int maxEmbeddedDepth, boolean ocr) {}

    private static final String ZIP_BOMB =
            "The file expands to far more data than its size suggests and was refused (a zip bomb?).";

    private final AutoDetectParser parser = new AutoDetectParser();
    private final Settings settings;

    TikaExtraction(Settings settings) {
        this.settings = settings;
    }

    /** Extracts the file's structure, or says why it cannot be used. */
    ParseOutcome extract(byte[] content, String fileName) {
        if (ZipBomb.suspected(content)) {
            return new ParseOutcome.Rejected(ZIP_BOMB);
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        StructureHandler handler = new StructureHandler(settings.maxCharacters());
        try {
            byte[] input = content;
            // Detected a second time only for a file named as Markdown: a PDF so named stays a PDF.
            if (Markdown.named(fileName) && Markdown.is(detect(content, metadata))) {
                input = Markdown.toHtml(content);
                metadata = new Metadata();
                metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName + ".html");
            }
            try (InputStream in = new ByteArrayInputStream(input)) {
                parser.parse(in, handler, metadata, context());
            }
        } catch (EncryptedDocumentException e) {
            return new ParseOutcome.Rejected("The file is password-protected; upload an unprotected copy.");
        } catch (ZeroByteFileException e) {
            return new ParseOutcome.Rejected("The file is empty.");
        } catch (TikaException | IOException | SAXException e) {
            return classify(e);
        } catch (StackOverflowError e) {
            return new ParseOutcome.Rejected("The file is nested too deeply to be read safely.");
        }
        List<Block> blocks = PageFurniture.remove(handler.blocks());
        String mediaType = metadata.get(Metadata.CONTENT_TYPE);
        if (blocks.isEmpty()) {
            return new ParseOutcome.Rejected(
                    mediaType != null && mediaType.startsWith("application/pdf")
                            ? settings.ocr()
                                    ? "No text was found in the PDF, not even by OCR."
                                    : "The PDF has no text layer (scanned); upload a searchable PDF or enable OCR."
                            : "No text was found in the file.");
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        int pages = blocks.stream().mapToInt(Block::page).max().orElse(0);
        return new ParseOutcome.Parsed(
                title == null || title.isBlank() ? null : title.strip(), blocks, pages, handler.truncated());
    }

    private MediaType detect(byte[] content, Metadata metadata) throws IOException {
        try (InputStream in = TikaInputStream.get(content)) {
            return parser.getDetector().detect(in, metadata);
        }
    }

    /** Refusals by a safety limit are rejections; anything else means the file is damaged or unreadable. */
    private static ParseOutcome classify(Exception e) {
        String message = rootMessage(e);
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("doctype is disallowed")
                || lower.contains("entity expansion")
                || lower.contains("entityexpansionlimit")
                || lower.contains("external entit")) {
            return new ParseOutcome.Rejected(
                    "The file contains XML entity declarations, which are refused for safety (an XML bomb?).");
        }
        if (lower.contains("zip bomb")
                || lower.contains("compression ratio")
                || lower.contains("inflate ratio")
                || lower.contains("max entry size")
                || lower.contains("suspected")) {
            return new ParseOutcome.Rejected(ZIP_BOMB);
        }
        return new ParseOutcome.Failed("The file could not be read; it may be damaged (" + message + ").");
    }

    private ParseContext context() {
        var office = new OfficeParserConfig();
        office.setUseSAXDocxExtractor(true);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        office.setIncludeHeadersAndFooters(false);
        office.setExtractMacros(false);
        var pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setCatchIntermediateIOExceptions(true);
        pdf.setDetectAngles(true);
        pdf.setOcrStrategy(settings.ocr() ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        var ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(!settings.ocr());
        var context = new ParseContext();
        context.set(OfficeParserConfig.class, office);
        context.set(PDFParserConfig.class, pdf);
        context.set(TesseractOCRConfig.class, ocr);
        context.set(Parser.class, parser);
        context.set(EmbeddedDocumentExtractor.class, new DepthLimitedExtractor(context, settings.maxEmbeddedDepth()));
        return context;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    /**
     * Reads attachments and embedded objects down to a depth, and keeps their pages from counting as pages of the
     * document that holds them.
     */
    private static final class DepthLimitedExtractor extends ParsingEmbeddedDocumentExtractor {

        private final int maxDepth;
        private int depth;

        DepthLimitedExtractor(ParseContext context, int maxDepth) {
            super(context);
            this.maxDepth = maxDepth;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return depth < maxDepth && super.shouldParseEmbedded(metadata);
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws SAXException, IOException {
            if (depth >= maxDepth) {
                return;
            }
            depth++;
            try {
                super.parseEmbedded(stream, new WithoutPages(handler), metadata, outputHtml);
            } finally {
                depth--;
            }
        }
    }

    private static final class WithoutPages extends ContentHandlerDecorator {

        WithoutPages(ContentHandler handler) {
            super(handler);
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes atts) throws SAXException {
            int index = atts.getIndex("class");
            if (index >= 0 && "page".equals(atts.getValue(index))) {
                var renamed = new AttributesImpl(atts);
                renamed.setValue(index, "embedded-page");
                super.startElement(uri, localName, name, renamed);
            } else {
                super.startElement(uri, localName, name, atts);
            }
        }
    }
}
