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
}
