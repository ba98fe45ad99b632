package dev.grounded.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.grounded.tenant.TenantId;
import dev.grounded.testing.HashingEmbeddingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

/**
 * What every {@link KnowledgeIndex} must do, run against each storage profile's implementation.
 */
public abstract class KnowledgeIndexContract {

    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");

    protected abstract KnowledgeIndex index();

    /** Replaces a source's chunks, embedded as ingestion embeds them. */
    protected void replace(TenantId tenant, String sourceId, List<Document> chunks) {
        index().replace(tenant, sourceId, chunks, new ChunkEmbedder(new HashingEmbeddingModel()).embed(chunks));
    }

    protected static Document chunk(String title, String text) {
        return chunk(title, text, "en");
    }

    @Test
    void findsInsertedChunksByKeywordAndByMeaning() {
        replace(
                ACME,
                "manual",
                List.of(
                        chunk("Router", "Hold the reset button for ten seconds to restore factory settings."),
                        chunk("Billing", "Invoices are issued on the first day of each month.")));

        var keyword = index().keywordSearch(ACME, "reset button", 5);
        var dense = index().denseSearch(ACME, "factory settings reset", 5);

        assertThat(keyword).isNotEmpty();
        assertThat(keyword.getFirst().chunk().getText()).contains("reset button");
        assertThat(dense).hasSize(2);
        assertThat(dense.getFirst().chunk().getText()).contains("factory settings");
        assertThat(dense.getFirst().score()).isGreaterThan(dense.get(1).score()).isLessThanOrEqualTo(1.0001);
        assertThat(dense.getFirst().chunk().getMetadata())
                .containsEntry(ChunkMetadata.TENANT, "acme")
                .containsEntry(ChunkMetadata.SOURCE_ID, "manual")
                .containsEntry(ChunkMetadata.TITLE, "Router");
        assertThat(index().count(ACME)).isEqualTo(2);
    }

    protected static Document chunk(String title, String text, String language) {
        return Document.builder()
                .text(text)
                .metadata(Map.of(
                        ChunkMetadata.KIND,
                        ChunkMetadata.KIND_DOCUMENT,
                        ChunkMetadata.TITLE,
                        title,
                        ChunkMetadata.LANGUAGE,
                        language))
                .build();
    }

    /** BM25's inverse document frequency: a term few chunks hold says more than one every chunk holds. */
    @Test
    void keywordSearchWeighsRareTermsAboveCommonOnes() {
        replace(
                ACME,
                "kb",
                List.of(
                        chunk("One", "router placement in the living room"),
                        chunk("Two", "router lights and what they mean"),
                        chunk("Three", "router warranty terms"),
                        chunk("Four", "firmware update schedule"),
                        chunk("Five", "router cables and ports")));

        var hits = index().keywordSearch(ACME, "router firmware", 10);

        assertThat(hits).hasSize(5);
        assertThat(hits.getFirst().chunk().getText()).isEqualTo("firmware update schedule");
        assertThat(hits.getFirst().score()).isGreaterThan(hits.get(1).score());
    }

    /**
     * A tenant's keyword scores come from its own chunks only: another tenant's documents neither move its ranking nor
     * reveal, through its scores, which words they contain.
     */
    @Test
    void anotherTenantsDocumentsDoNotChangeATenantsKeywordScores() {
        replace(
                ACME,
                "kb",
                List.of(
                        chunk("Router", "router reset guide"),
                        chunk("Billing", "billing cycle and invoices"),
                        chunk("Modem", "modem lights explained")));
        var before = index().keywordSearch(ACME, "router modem", 10);

        List<Document> globex = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            globex.add(chunk("Globex " + i, "router router router note " + i));
        }
        replace(GLOBEX, "bulk", globex);
        var after = index().keywordSearch(ACME, "router modem", 10);

        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).chunk().getText())
                    .isEqualTo(before.get(i).chunk().getText());
            assertThat(after.get(i).score()).isCloseTo(before.get(i).score(), within(1e-5));
        }
    }

    /** BM25's length normalisation: the same match in a shorter chunk is the more focused one. */
    @Test
    void keywordSearchPrefersTheShorterOfTwoEqualMatches() {
        replace(
                ACME,
                "kb",
                List.of(
                        chunk(
                                "Long",
                                "Our refund policy is described here together with shipping times, warehouse"
                                        + " locations, packaging materials, courier partners and customs paperwork."),
                        chunk("Short", "Refund policy summary.")));

        var hits = index().keywordSearch(ACME, "refund policy", 10);

        assertThat(hits)
                .extracting(h -> h.chunk().getMetadata().get(ChunkMetadata.TITLE))
                .containsExactly("Short", "Long");
    }

    /** Each chunk is analysed in its own language, so inflected query words still find it. */
    @Test
    void keywordSearchStemsInEachChunksLanguage() {
        replace(
                ACME,
                "kb",
                List.of(
                        chunk("Reset", "Resetting the routers restores factory settings.", "en"),
                        chunk("Facturas", "Las facturas se envían el primer día de cada mes.", "es"),
                        chunk("Other", "Opening hours of the shop.", "en")));

        assertThat(index().keywordSearch(ACME, "reset router", 10))
                .extracting(h -> h.chunk().getMetadata().get(ChunkMetadata.TITLE))
                .containsExactly("Reset");
        assertThat(index().keywordSearch(ACME, "¿cuándo llega mi factura?", 10))
                .extracting(h -> h.chunk().getMetadata().get(ChunkMetadata.TITLE))
                .containsExactly("Facturas");
    }

    @Test
    void hybridSearchFusesBothLegs() {
        replace(
                ACME,
                "fees",
                List.of(
                        chunk("Fees", "The installation fee is 49 EUR and is waived on 24-month contracts."),
                        chunk("Moving", "We move your service for free within the coverage area.")));
        var search = new HybridSearch(
                index(),
                new RetrievalProperties(null, 30, 60, 1.0, 1.0, 0),
                LegReading.everyLanguage("test"),
                new LanguageDetector(List.of()));

        var hits = search.search(ACME, "installation fee", 2);

        assertThat(hits).isNotEmpty();
        RetrievedChunk best = hits.getFirst();
        assertThat(best.chunk().getText()).contains("installation fee");
        assertThat(best.keywordRank()).isEqualTo(1);
        assertThat(best.denseRank()).isEqualTo(1);
        assertThat(best.fusedScore()).isEqualTo(2.0 / 61);
    }

    @Test
    void deleteRemovesOnlyThatSource() {
        replace(ACME, "a", List.of(chunk("A", "alpha router manual")));
        replace(ACME, "b", List.of(chunk("B", "beta router manual")));

        index().delete(ACME, "a");

        assertThat(index().keywordSearch(ACME, "router", 10))
                .extracting(h -> h.chunk().getText())
                .containsExactly("beta router manual");
        assertThat(index().denseSearch(ACME, "router", 10)).hasSize(1);
    }

    @Test
    void replaceSwapsAllChunksOfASource() {
        replace(ACME, "guide", List.of(chunk("Guide v1", "old price 29 EUR"), chunk("Guide v1", "old text")));

        replace(ACME, "guide", List.of(chunk("Guide v2", "new price 31 EUR")));

        assertThat(index().count(ACME)).isEqualTo(1);
        assertThat(index().keywordSearch(ACME, "price", 10))
                .extracting(h -> h.chunk().getText())
                .containsExactly("new price 31 EUR");
        assertThat(index().keywordSearch(ACME, "old", 10)).isEmpty();
    }

    @Test
    void putReplacesOneChunkInBothLegsAndLeavesTheOthers() {
        replace(
                ACME,
                "fees",
                List.of(
                        indexed(0, "Fees", "The installation fee is 49 EUR."),
                        indexed(1, "Moving", "Moving your service is free within the coverage area.")));
        Document fee = index().chunks(ACME, "fees").getFirst();

        Document edited =
                fee.mutate().text("The installation fee is 59 EUR since March.").build();
        index().put(ACME, "fees", edited, embed(edited));

        List<Document> after = index().chunks(ACME, "fees");
        assertThat(after)
                .extracting(Document::getText)
                .containsExactly(
                        "The installation fee is 59 EUR since March.",
                        "Moving your service is free within the coverage area.");
        assertThat(after.getFirst().getId()).isEqualTo(fee.getId());
        assertThat(index().count(ACME)).isEqualTo(2);
        assertThat(index().keywordSearch(ACME, "59 march", 10))
                .extracting(h -> h.chunk().getText())
                .containsExactly("The installation fee is 59 EUR since March.");
        assertThat(index().keywordSearch(ACME, "49", 10)).isEmpty();
        assertThat(index().denseSearch(ACME, "installation fee 59 EUR since March", 1)
                        .getFirst()
                        .chunk()
                        .getText())
                .isEqualTo("The installation fee is 59 EUR since March.");
    }

    @Test
    void removeTakesOneChunkOutOfBothLegsAndPutBringsItBack() {
        replace(
                ACME,
                "fees",
                List.of(indexed(0, "Fees", "installation fee 49 EUR"), indexed(1, "Moving", "moving is free")));
        Document fee = index().chunks(ACME, "fees").getFirst();

        index().remove(ACME, "fees", fee.getId());

        assertThat(index().chunks(ACME, "fees")).extracting(Document::getText).containsExactly("moving is free");
        assertThat(index().keywordSearch(ACME, "installation fee", 10)).isEmpty();
        assertThat(index().denseSearch(ACME, "installation fee", 10))
                .extracting(h -> h.chunk().getText())
                .containsExactly("moving is free");

        Document back = indexed(0, "Fees", "installation fee 49 EUR");
        index().put(ACME, "fees", back, embed(back));

        assertThat(index().chunks(ACME, "fees"))
                .extracting(Document::getText)
                .containsExactly("installation fee 49 EUR", "moving is free");
        assertThat(index().keywordSearch(ACME, "installation fee", 10)).hasSize(1);
        // A chunk put into a source belongs to it: deleting the source takes it too.
        index().delete(ACME, "fees");
        assertThat(index().count(ACME)).isZero();
    }

    @Test
    void oneChunkOperationsReachOnlyTheirTenantsSource() {
        replace(ACME, "doc", List.of(indexed(0, "Acme", "acme discount code ACME50")));
        replace(ACME, "other", List.of(indexed(0, "Other", "acme opening hours")));
        String acmeChunk = index().chunks(ACME, "doc").getFirst().getId();

        index().remove(GLOBEX, "doc", acmeChunk);
        index().remove(ACME, "other", acmeChunk);

        assertThat(index().chunks(ACME, "doc")).extracting(Document::getId).containsExactly(acmeChunk);
        assertThat(index().count(ACME)).isEqualTo(2);
    }

    private static Document indexed(int position, String title, String text) {
        Document chunk = chunk(title, text, "en");
        Map<String, Object> metadata = new HashMap<>(chunk.getMetadata());
        metadata.put(ChunkMetadata.CHUNK_INDEX, position);
        return chunk.mutate().metadata(metadata).build();
    }

    private static float[] embed(Document chunk) {
        return new ChunkEmbedder(new HashingEmbeddingModel())
                .embed(List.of(chunk))
                .getFirst();
    }

    @Test
    void aTenantNeverSeesAnotherTenantsChunks() {
        replace(ACME, "doc", List.of(chunk("Acme", "acme secret discount code ACME50")));
        replace(GLOBEX, "doc", List.of(chunk("Globex", "globex secret discount code GLOBEX70")));

        assertThat(index().keywordSearch(GLOBEX, "secret discount code", 10))
                .extracting(h -> h.chunk().getText())
                .containsExactly("globex secret discount code GLOBEX70");
        assertThat(index().denseSearch(GLOBEX, "secret discount code", 10))
                .extracting(h -> h.chunk().getText())
                .containsExactly("globex secret discount code GLOBEX70");

        // The same source id in another tenant is another source: deleting it leaves Acme's alone.
        index().delete(GLOBEX, "doc");
        assertThat(index().count(ACME)).isEqualTo(1);
        assertThat(index().count(GLOBEX)).isZero();
    }

    @Test
    void aSmallTenantAmongManyRowsStillGetsItsFullTopK() {
        // Globex holds 0.1% of the rows, and Acme's rows are all closer to the query than Globex's. A vector index
        // that filters after its approximate scan returns Globex fewer than topK rows, or none. (Every row is
        // distinct: thousands of identical vectors would test HNSW's graph on degenerate data instead.)
        List<Document> big = new ArrayList<>();
        for (int i = 0; i < 9_990; i++) {
            big.add(chunk("Acme " + i, "router wifi signal troubleshooting note acmenote" + i));
            if (big.size() == 1_000) {
                replace(ACME, "bulk-" + i, big);
                big = new ArrayList<>();
            }
        }
        replace(ACME, "bulk-rest", big);
        List<Document> small = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            small.add(chunk("Globex " + i, "globex router wifi signal note globexnote" + i));
        }
        replace(GLOBEX, "small", small);

        var dense = index().denseSearch(GLOBEX, "router wifi signal troubleshooting", 5);
        var keyword = index().keywordSearch(GLOBEX, "router wifi signal troubleshooting", 5);

        assertThat(dense).hasSize(5).allMatch(h -> "globex"
                .equals(h.chunk().getMetadata().get(ChunkMetadata.TENANT)));
        assertThat(keyword).hasSize(5).allMatch(h -> "globex"
                .equals(h.chunk().getMetadata().get(ChunkMetadata.TENANT)));
    }
}
