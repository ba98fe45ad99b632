package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.knowledge.KnowledgeProperties;
import dev.grounded.retrieval.TokenCounter;
import dev.grounded.testing.Docx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A Word file with headings, a long table, a tracked deletion and a page header, parsed and chunked. */
class StructuredIngestionTest {

    private static final TokenCounter tokens = new TokenCounter();
    private static final int CHUNK_TOKENS = 120;

    private final TikaExtraction parser = new TikaExtraction(new TikaExtraction.Settings(5_000_000, 2, false));
    private final DocumentChunker chunker = new DocumentChunker(tokens, properties(CHUNK_TOKENS));

    @AfterAll
    static void close() {
        tokens.destroy();
    }

    private static KnowledgeProperties properties(int chunkTokens) {
        return KnowledgeProperties.withChunks(chunkTokens, 30);
    }

    private static byte[] priceList() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Plan", "Price", "Speed"});
        for (int i = 1; i <= 40; i++) {
            rows.add(new String[] {"Plan " + i, i + " EUR", (i * 10) + " Mbps"});
        }
        return new Docx()
                .pageHeader("CONFIDENTIAL-HEADER")
                .heading(1, "Fees")
                .heading(2, "Monthly plans")
                .paragraph("All plans are billed monthly and include unlimited data.")
                .table(rows.toArray(String[][]::new))
                .paragraphWithDeletion("Prices include VAT.", " REMOVED-BY-TRACKED-CHANGE")
                .heading(2, "Installation")
                .paragraph("• Book a technician online")
                .paragraph("• Someone aged 18 or over must be at home")
                .build();
    }

    @Test
    void keepsSectionsTablesAndListsAndDropsDeletionsAndHeaders() throws Exception {
        var parsed = parsed(parser.extract(priceList(), "price-list.docx"));
        var chunks = chunker.chunk("Price list", parsed.blocks());
        String all = String.join(
                "\n", chunks.stream().map(DocumentChunker.Chunk::text).toList());

        assertThat(all).doesNotContain("REMOVED-BY-TRACKED-CHANGE").doesNotContain("CONFIDENTIAL-HEADER");
        assertThat(all).contains("Prices include VAT.");
        assertThat(chunks).anySatisfy(c -> {
            assertThat(c.section()).isEqualTo("Fees > Monthly plans");
            assertThat(c.text())
                    .contains("| Plan | Price | Speed |\n| --- | --- | --- |\n| Plan 1 | 1 EUR | 10 Mbps |");
        });
        assertThat(chunks).anySatisfy(c -> {
            assertThat(c.section()).isEqualTo("Fees > Installation");
            assertThat(c.text()).contains("- Book a technician online\n\n- Someone aged 18 or over must be at home");
        });
    }

    @Test
    void aLongTableRepeatsItsHeaderAndNeverSplitsARow() throws Exception {
        var chunks = chunker.chunk(
                "Price list",
                parsed(parser.extract(priceList(), "price-list.docx")).blocks());

        var tableChunks =
                chunks.stream().filter(c -> c.text().contains("| Plan ")).toList();
        assertThat(tableChunks).hasSizeGreaterThan(2);
        assertThat(tableChunks)
                .allSatisfy(c -> assertThat(c.text()).contains("| Plan | Price | Speed |\n| --- | --- | --- |"));
        for (int i = 1; i <= 40; i++) {
            String row = "| Plan " + i + " | " + i + " EUR | " + (i * 10) + " Mbps |";
            assertThat(chunks.stream().filter(c -> c.text().contains(row)))
                    .as(row)
                    .hasSize(1);
        }
    }

    @Test
    void noChunkExceedsTheTargetOrWhatTheModelReads() throws Exception {
        var chunks = chunker.chunk(
                "Price list",
                parsed(parser.extract(priceList(), "price-list.docx")).blocks());

        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.tokens()).isLessThanOrEqualTo(CHUNK_TOKENS);
            assertThat(tokens.count("Price list\n" + c.section() + "\n" + c.text()) + TokenCounter.SPECIAL_TOKENS)
                    .isLessThanOrEqualTo(TokenCounter.MODEL_MAX_TOKENS);
        });
    }

    @Test
    void aLongParagraphIsCutAtSentencesAndTheNextChunkOverlaps() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append("Sentence number ").append(i).append(" talks about fibre installation details. ");
        }
        var chunks = chunker.chunk(
                "Guide", List.of(new Block.Paragraph(text.toString().strip(), 3)));

        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.tokens()).isLessThanOrEqualTo(CHUNK_TOKENS);
            assertThat(c.text()).endsWith("details.");
            assertThat(c.page()).isEqualTo(3);
        });
        for (int i = 1; i <= 30; i++) {
            String sentence = "Sentence number " + i + " talks";
            assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains(sentence));
        }
    }

    @Test
    void runningHeadersAndFootersOfPagesAreNotBody() {
        List<Block> blocks = new ArrayList<>();
        String[] topics = {"revenue", "staff", "customers", "outlook", "risks"};
        for (int page = 1; page <= 5; page++) {
            String topic = topics[page - 1];
            blocks.add(new Block.Paragraph("ACME Corp — Annual report", page));
            blocks.add(new Block.Paragraph("Body: this page is about " + topic + ".", page));
            blocks.add(new Block.Paragraph("Body: more on " + topic + " follows here.", page));
            blocks.add(new Block.Paragraph("Body: a last word on " + topic + ".", page));
            blocks.add(new Block.Paragraph("Page " + page + " of 5", page));
        }

        var body = PageFurniture.remove(blocks);

        assertThat(body).hasSize(15).allSatisfy(b -> assertThat(((Block.Paragraph) b).text())
                .startsWith("Body:"));
    }

    private static ParseOutcome.Parsed parsed(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            return parsed;
        }
        throw new AssertionError("Not parsed: " + outcome);
    }
}
