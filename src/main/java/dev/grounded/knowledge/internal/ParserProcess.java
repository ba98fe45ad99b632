package dev.grounded.knowledge.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The entry point of the child JVM that parses uploads. It reads requests on stdin and answers on stdout until stdin
 * closes (the application stopped). Anything that prints, Tika's and PDFBox's logging included, goes to stderr so it
 * cannot corrupt the protocol. It runs with a bounded heap and exits on {@link OutOfMemoryError}.
 */
public final class ParserProcess {

    static final String MAX_CHARACTERS = "grounded.parser.max-characters";
    static final String MAX_EMBEDDED_DEPTH = "grounded.parser.max-embedded-depth";
    static final String OCR = "grounded.parser.ocr";

    private ParserProcess() {}

    public static void main(String[] args) throws IOException {
        var protocol =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        var in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        var extraction = new TikaExtraction(new TikaExtraction.Settings(
                Long.getLong(MAX_CHARACTERS, 5_000_000),
                Integer.getInteger(MAX_EMBEDDED_DEPTH, 2),
                Boolean.getBoolean(OCR)));
        protocol.writeInt(ParserWire.HELLO);
        protocol.flush();
        ParserWire.Request request;
        while ((request = ParserWire.readRequest(in)) != null) {
            ParseOutcome outcome;
            try {
                outcome = extraction.extract(request.content(), request.fileName());
            } catch (RuntimeException e) {
                outcome = new ParseOutcome.Failed("The file could not be read: " + e);
            } catch (StackOverflowError e) {
                outcome = new ParseOutcome.Rejected("The file is nested too deeply to be read safely.");
            }
            ParserWire.writeOutcome(protocol, outcome);
        }
    }
}
