package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.grounded.knowledge.internal.ChunkCurations.Curation;
import dev.grounded.retrieval.ChunkMetadata;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

class CurationCarryOverTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void curationsFollowTheirPassagesToTheirNewPositionsAndTheRestAreDropped() {
        List<Curation> curated = List.of(
                curation(0, "Fees are 49 EUR.", "Fees are 59 EUR.", false),
                curation(1, "Old moving rules.", null, true),
                curation(2, "Pets are welcome.", null, true));
        // The new version adds a passage in front and rewrites the moving rules.
        List<Document> reread = List.of(
                passage(0, "Welcome to the house rules."),
                passage(1, "Fees are 49 EUR."),
                passage(2, "New moving rules."),
                passage(3, "Pets are welcome."));

        var carried = CurationCarryOver.apply(reread, curated);

        assertThat(carried.indexed())
                .extracting(Document::getText)
                .containsExactly("Welcome to the house rules.", "Fees are 59 EUR.", "New moving rules.");
        assertThat(carried.indexed().get(1).getMetadata())
                .containsEntry(ChunkMetadata.EDITED, true)
                .containsEntry(ChunkMetadata.CHUNK_INDEX, 1)
                .containsEntry(ChunkMetadata.SECTION, "Rules");
        assertThat(carried.indexed().get(0).getMetadata()).doesNotContainKey(ChunkMetadata.EDITED);
        assertThat(carried.curations())
                .extracting(Curation::chunkIndex, Curation::originalText, Curation::disabled)
                .containsExactly(tuple(1, "Fees are 49 EUR.", false), tuple(3, "Pets are welcome.", true));
        assertThat(carried.dropped(curated)).isEqualTo(1);
    }

    @Test
    void aCurationOfOneOfTwoIdenticalPassagesStaysWithOneOfThem() {
        List<Curation> curated = List.of(curation(4, "Call us.", null, true));

        var carried = CurationCarryOver.apply(List.of(passage(0, "Call us."), passage(1, "Call us.")), curated);

        assertThat(carried.indexed()).extracting(Document::getText).containsExactly("Call us.");
        assertThat(carried.curations()).extracting(Curation::chunkIndex).containsExactly(0);
    }

    private static Curation curation(int index, String original, String edited, boolean disabled) {
        return new Curation(
                index, ChunkCurations.sha256(original), original, "Rules", null, "en", edited, disabled, "admin", AT);
    }

    private static Document passage(int index, String text) {
        return Document.builder()
                .text(text)
                .metadata(PassageMetadata.of("House rules", "Rules", null, "en", index, false))
                .build();
    }
}
