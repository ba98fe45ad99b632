package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.testing.Docx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Parsing runs in a separate JVM: a file whose parser loops, exhausts memory, kills the JVM or recurses without end
 * fails alone, with a reason, and the next file is parsed by a fresh process. The misbehaving parser is real Tika
 * plumbing ({@link MisbehavingParser}, registered on the test classpath the child inherits).
 */
class ParserIsolationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final DocumentParser parser = new DocumentParser(new KnowledgeProperties(
            DataSize.ofMegabytes(50),
            5_000_000,
            300,
            50,
            3,
            TIMEOUT,
            2,
            DataSize.ofMegabytes(256),
            false,
            32,
            Duration.ofMinutes(2),
            Duration.ofSeconds(1)));
    private static final byte[] GOOD =
            new Docx().paragraph("The parser still works.").build();

    @AfterAll
    static void stop() {
        parser.stop();
    }

    private static void stillParses() {
        assertThat(parser.parse(GOOD, "good.docx"))
                .isInstanceOfSatisfying(
                        ParseOutcome.Parsed.class, p -> assertThat(p.text()).contains("The parser still works."));
    }

    @Test
    void aParserThatNeverReturnsIsStoppedAtTheTimeLimit() {
        long start = System.nanoTime();
        ParseOutcome outcome = parser.parse(new byte[] {1, 2, 3}, "loop.grounded-hang");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(10));
        assertThat(outcome)
                .isEqualTo(new ParseOutcome.Failed("Reading the file took longer than 5 s, so it was stopped."));
        stillParses();
    }

    @Test
    void aParserThatExhaustsItsMemoryFailsThatFileOnly() {
        assertThat(parser.parse(new byte[] {1}, "big.grounded-oom"))
                .isEqualTo(new ParseOutcome.Failed(
                        "Reading the file needed more than 256 MB of memory, so it was stopped."));
        stillParses();
    }

    @Test
    void aParserThatKillsItsJvmFailsThatFileOnly() {
        assertThat(parser.parse(new byte[] {1}, "boom.grounded-crash"))
                .isEqualTo(new ParseOutcome.Failed("The document reader crashed on this file (exit code 134)."));
        stillParses();
    }

    @Test
    void endlessRecursionIsRejected() {
        assertThat(parser.parse(new byte[] {1}, "deep.grounded-recurse"))
                .isEqualTo(new ParseOutcome.Rejected("The file is nested too deeply to be read safely."));
        stillParses();
    }

    @Test
    void externalEntitiesAreNeverResolved() throws IOException {
        String secret = Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
        byte[] xxe = withDocumentXml(
                GOOD,
                ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
                                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                                + "<w:body><w:p><w:r><w:t>leak &xxe;</w:t></w:r></w:p></w:body></w:document>")
                        .getBytes(StandardCharsets.UTF_8));

        ParseOutcome outcome = parser.parse(xxe, "xxe.docx");

        // Refused, or read with the entity left unresolved; never with the file's content in it.
        assertThat(outcome.toString()).doesNotContain(secret);
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            assertThat(parsed.text()).contains("leak");
        } else {
            assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        }
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        // 64 MB of one repeated character compresses to a few dozen kilobytes.
        byte[] filler = new byte[64 * 1024 * 1024];
        Arrays.fill(filler, (byte) 'a');
        var xml = new ByteArrayOutputStream();
        xml.write(("<?xml version=\"1.0\"?><w:document"
                        + " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body><w:p><w:r><w:t>")
                .getBytes(StandardCharsets.UTF_8));
        xml.write(filler);
        xml.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        byte[] bomb = withDocumentXml(GOOD, xml.toByteArray());
        assertThat(bomb.length).isLessThan(1024 * 1024);

        assertThat(parser.parse(bomb, "bomb.docx"))
                .isEqualTo(new ParseOutcome.Rejected(
                        "The file expands to far more data than its size suggests and was refused (a zip bomb?)."));
        stillParses();
    }

    @Test
    void aTruncatedPdfFailsWithAReasonOrKeepsWhatIsReadable() throws IOException {
        byte[] pdf = Files.readAllBytes(
                dev.grounded.testing.SharedDatasets.path("documents/pypdf-samples__pdflatex-4-pages.pdf"));
        byte[] truncated = Arrays.copyOf(pdf, pdf.length * 6 / 10);

        ParseOutcome outcome = parser.parse(truncated, "truncated.pdf");

        switch (outcome) {
            case ParseOutcome.Parsed parsed -> assertThat(parsed.text()).contains("Hello, here is some text");
            case ParseOutcome.Failed failed -> assertThat(failed.reason()).startsWith("The file could not be read");
            case ParseOutcome.Rejected rejected -> assertThat(rejected.reason()).contains("no text layer");
        }
        stillParses();
    }

    private static byte[] withDocumentXml(byte[] docx, byte[] documentXml) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(docx));
                var zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals("word/document.xml") ? documentXml : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
