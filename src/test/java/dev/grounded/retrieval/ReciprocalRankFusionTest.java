package dev.grounded.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

/** Fusion that weighs each leg by what it can read. */
class ReciprocalRankFusionTest {

    private static final ReciprocalRankFusion.Weights WEIGHTS = new ReciprocalRankFusion.Weights(0.5, 1.0, 10);
    private static final LegReading BGE = LegReading.bgeSmallEnglish("bge-small-en");

    @Test
    void aLegThatCannotReadTheLanguageDoesNotOutvoteOneThatCan() {
        List<IndexHit> keyword = List.of(hit("a", "hi", 9.0), hit("b", "hi", 5.0));
        List<IndexHit> dense = List.of(hit("c", "hi", 0.8), hit("b", "hi", 0.7), hit("d", "hi", 0.6));

        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(
                keyword, dense, WEIGHTS, BGE.forQuestion("hi"), Map.of("a", 1.0, "b", 0.5), 1);

        assertThat(fused).extracting(RetrievedChunk::sourceId).startsWith("a", "b");
        RetrievedChunk denseOnly = fused.stream()
                .filter(hit -> hit.sourceId().equals("c"))
                .findFirst()
                .orElseThrow();
        assertThat(denseOnly.fusedScore()).isZero();
        assertThat(denseOnly.denseJudges())
                .as("bge-small's similarity of two Hindi texts says nothing")
                .isFalse();
        assertThat(fused.getFirst().confidence())
                .as("a full coverage counts as a clear match on the dense scale")
                .isEqualTo(RetrievedChunk.LEXICAL_FLOOR + RetrievedChunk.LEXICAL_SPAN);
    }

    @Test
    void inEnglishTheDenseSimilarityJudgesAndTheKeywordVoteFollowsCoverage() {
        List<IndexHit> keyword = List.of(hit("a", "en", 9.0), hit("b", "en", 5.0));
        List<IndexHit> dense = List.of(hit("b", "en", 0.8), hit("a", "en", 0.7));

        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(
                keyword, dense, WEIGHTS, BGE.forQuestion("en"), Map.of("a", 0.2, "b", 1.0), 1);

        assertThat(fused).extracting(RetrievedChunk::sourceId).containsExactly("b", "a");
        assertThat(fused.getFirst().fusedScore()).isEqualTo(0.5 * 1.0 / 12 + 1.0 / 11);
        assertThat(fused.get(1).fusedScore()).isEqualTo(0.5 * 0.2 / 11 + 1.0 / 12);
        assertThat(fused.getFirst().confidence()).isEqualTo(0.8);
        assertThat(fused.getFirst().coverage()).isEqualTo(1.0);
    }

    @Test
    void aPartlyReadLanguageGetsThePartOfTheDenseVote() {
        List<RetrievedChunk> fused = ReciprocalRankFusion.fuse(
                List.of(),
                List.of(hit("a", "en", 0.7), hit("b", "es", 0.6)),
                WEIGHTS,
                BGE.forQuestion("es"),
                Map.of(),
                1);

        assertThat(fused.getFirst().fusedScore()).as("es question, en passage").isEqualTo(0.3 / 11);
        assertThat(fused.get(1).fusedScore()).as("es question, es passage").isEqualTo(0.3 * 0.3 / 12);
        assertThat(BGE.forQuestion("ta").denseReadsQuestion()).isFalse();
        assertThat(BGE.forQuestion(null).dense("hi"))
                .as("a question of no telling language is taken to be in the passage's")
                .isZero();
        assertThat(LegReading.everyLanguage("bge-m3").forQuestion("hi").dense("hi"))
                .isEqualTo(1.0);
    }

    private static IndexHit hit(String id, String language, double score) {
        return new IndexHit(
                Document.builder()
                        .id(id)
                        .text(id)
                        .metadata(Map.of(ChunkMetadata.SOURCE_ID, id, ChunkMetadata.LANGUAGE, language))
                        .build(),
                score);
    }
}
