package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.retrieval.TokenCounter;
import dev.grounded.testing.SharedDatasets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Structure kept on real Word and PDF files from the Tika, POI, python-docx and pdfminer test suites. */
class SharedDocumentsStructureTest {

    private static final TokenCounter tokens = new TokenCounter();
    private static final KnowledgeProperties PROPERTIES = KnowledgeProperties.withChunks(300, 50);

    private final TikaExtraction parser = new TikaExtraction(new TikaExtraction.Settings(5_000_000, 2, false));
    private final DocumentChunker chunker = new DocumentChunker(tokens, PROPERTIES);

    @AfterAll
    static void close() {
        tokens.destroy();
    }

    private List<DocumentChunker.Chunk> chunks(String file) throws Exception {
        var parsed = parsed(parser.extract(Files.readAllBytes(SharedDatasets.path("documents/" + file)), file));
        return chunker.chunk(parsed.title(), parsed.blocks());
    }

    private static String text(List<DocumentChunker.Chunk> chunks) {
        return String.join(
                "\n", chunks.stream().map(DocumentChunker.Chunk::text).toList());
    }

    @Test
    void trackedChangeDeletionsAreNotIndexedButInsertionsAre() throws Exception {
        String text = text(chunks("poi__delins.docx"));

        assertThat(text).doesNotContain("Originally, the red spot").doesNotContain("Tika Waylan");
        assertThat(text).contains("Apache Tika 0.3 has been released");
    }

    @Test
    void headingsGiveSectionPaths() throws Exception {
        assertThat(chunks("poi__heading123.docx"))
                .extracting(DocumentChunker.Chunk::section)
                .contains(
                        "First paragraph",
                        "First paragraph > Second paragraph",
                        "First paragraph > Second paragraph > Third paragraph");
    }

    @Test
    void pageHeadersAndFootersAreNotBody() throws Exception {
        String text = text(chunks("python-docx__hdr-header-footer.docx"));

        assertThat(text).contains("section with header").doesNotContain("Header for section-1");
        assertThat(text).doesNotContain("Footer for section 1");
    }

    @Test
    void tablesListsAndFootnotesAreKept() throws Exception {
        String text = text(chunks("tika__testWORD_various.docx"));

        assertThat(text).contains("| Row 1 Col 1 | Row 1 Col 2 | Row 1 Col 3 |\n| --- | --- | --- |");
        assertThat(text).contains("- Bullet 1\n\n- Bullet 2");
        assertThat(text).contains("This is a footnote.");
        assertThat(text(chunks("mammoth__footnotes.docx"))).contains("A tachyon walks into a bar.");
    }

    @Test
    void aLongPdfKeepsItsPagesAndStaysWithinTheModelLimit() throws Exception {
        var chunks = chunks("pdfminer__irs-i1040nr.pdf");

        assertThat(chunks).hasSizeGreaterThan(100);
        assertThat(chunks.getFirst().page()).isEqualTo(1);
        assertThat(chunks.getLast().page()).isEqualTo(50);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).page())
                    .isGreaterThanOrEqualTo(chunks.get(i - 1).page());
        }
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(300));
        assertThat(text(chunks)).contains("Nonresident Alien");
    }

    private static ParseOutcome.Parsed parsed(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            return parsed;
        }
        throw new AssertionError("Not parsed: " + outcome);
    }
}
