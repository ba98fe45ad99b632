package dev.grounded.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/** Detects what an upload is and extracts its text with Apache Tika. */
@Component
public class TextExtractor {

    public record Extracted(String title, String text) {}

    /** Thrown with a reason a tenant admin can act on. */
    public static class ExtractionException extends Exception {
        public ExtractionException(String message, Throwable cause) {
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

    private static final int MAX_CHARACTERS = 5_000_000;

    private final Tika tika = new Tika();
    private final AutoDetectParser parser = new AutoDetectParser();

    public String detect(byte[] content, String fileName) {
        return tika.detect(content, fileName);
    }

    public boolean supported(String mediaType) {
        return SUPPORTED.contains(mediaType);
    }

    public Extracted extract(byte[] content, String fileName) throws ExtractionException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        BodyContentHandler handler = new BodyContentHandler(MAX_CHARACTERS);
        try {
            parser.parse(new ByteArrayInputStream(content), handler, metadata, new ParseContext());
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException("The file is password-protected; upload it without a password.", e);
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new ExtractionException("The file could not be read: " + e.getMessage(), e);
            }
        } catch (TikaException | IOException e) {
            throw new ExtractionException("The file could not be read: " + rootMessage(e), e);
        }
        String text = handler.toString().strip();
        if (text.isEmpty()) {
            throw new ExtractionException(
                    "No text was found in the file (a scanned image without a text layer?).", null);
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        return new Extracted(title == null || title.isBlank() ? null : title.strip(), text);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
