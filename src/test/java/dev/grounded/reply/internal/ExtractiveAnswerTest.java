package dev.grounded.reply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtractiveAnswerTest {

    private static final String PASSAGE =
            "Lumen Fibre serves Porto, Braga and Aveiro. The installation fee is 49 EUR. It is waived on 24-month"
                    + " contracts. A technician installs the fibre socket and the router.";

    @Test
    void startsAtTheSentenceThatSharesMostWithTheQuestion() {
        String answer = ExtractiveAnswer.from("How much is the installation fee?", PASSAGE);

        assertThat(answer).startsWith("The installation fee is 49 EUR.").contains("waived on 24-month contracts");
    }

    @Test
    void quotesThePassageVerbatim() {
        String answer = ExtractiveAnswer.from("Which cities do you serve?", PASSAGE);

        assertThat(PASSAGE.replaceAll("\\s+", " ")).contains(answer);
    }

    @Test
    void aHeadingIsNeitherQuotedNorGluedToTheSentenceAfterIt() {
        String passage = "The router rental is 3 EUR per month. It is free on the Fibre 1000 plan.\n\nMoving house\n\n"
                + "If you move within our coverage area, we transfer your line for free.";

        assertThat(ExtractiveAnswer.from("How much is the router rental per month?", passage))
                .isEqualTo("The router rental is 3 EUR per month. It is free on the Fibre 1000 plan.");
        assertThat(ExtractiveAnswer.from("What if I move house within the coverage area?", passage))
                .isEqualTo("If you move within our coverage area, we transfer your line for free.");
    }

    @Test
    void tableRowsAndListItemsAreNoHeadings() {
        String passage = "Prices\n\n| Fibre 300 | 30 EUR |\n| Fibre 1000 | 45 EUR |";

        assertThat(ExtractiveAnswer.from("What does Fibre 1000 cost?", passage)).contains("Fibre 1000 | 45 EUR");
    }
}
