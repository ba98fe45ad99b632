package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.knowledge.KnowledgeProperties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TextChunkerTest {

    private final TextChunker chunker = new TextChunker(new KnowledgeProperties(DataSize.ofMegabytes(1), 10, 3, 3));

    @Test
    void keepsShortParagraphsTogether() {
        assertThat(chunker.chunk("One two three.\n\nFour five six."))
                .containsExactly("One two three.\n\nFour five six.");
    }

    @Test
    void startsANewChunkAtAParagraphBoundaryWithOverlap() {
        var chunks = chunker.chunk("a1 a2 a3 a4 a5 a6 a7\n\nb1 b2 b3 b4 b5");

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).isEqualTo("a1 a2 a3 a4 a5 a6 a7");
        assertThat(chunks.get(1)).startsWith("a5 a6 a7").endsWith("b1 b2 b3 b4 b5");
    }

    @Test
    void splitsAParagraphLongerThanAChunkAndLosesNoWord() {
        String words = IntStream.range(0, 35).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));

        var chunks = chunker.chunk(words);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.split("\\s+")).hasSizeLessThanOrEqualTo(13));
        for (int i = 0; i < 35; i++) {
            String word = "w" + i;
            assertThat(chunks).anySatisfy(c -> assertThat(c.split("\\s+")).contains(word));
        }
    }

    @Test
    void ignoresBlankText() {
        assertThat(chunker.chunk("  \n\n  ")).isEmpty();
    }
}
