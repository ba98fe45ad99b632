package dev.grounded.knowledge;

/** The upload is not a document Grounded can read; the message names what was detected. */
public class UnsupportedDocumentException extends RuntimeException {

    public UnsupportedDocumentException(String message) {
        super(message);
    }
}
