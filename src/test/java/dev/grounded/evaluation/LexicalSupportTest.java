package dev.grounded.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalSupportTest {

    private static final String PASSAGES = """
            [1] Lumen Fibre Price List 2026
            Fibre 1000 costs 44,90 EUR per month on a 24-month contract. The installation fee is 49 EUR, waived on
            24-month contracts. Support is open Monday to Friday from 8:00 to 20:00.
            """;

    @Test
    void anAnswerThatRestatesThePassagesIsSupported() {
        var check = LexicalSupport.check(
                        "Fibre 1000 costs 44.90 EUR per month with a 24-month contract. Installation costs 49 EUR.",
                        PASSAGES,
                        true)
                .orElseThrow();

        assertThat(check.supported()).isEqualTo(1.0);
        assertThat(check.unsupported()).isEmpty();
    }

    @Test
    void anInventedNumberOrAnInventedSentenceIsNot() {
        var check = LexicalSupport.check(
                        "Fibre 1000 costs 39.90 EUR per month. Support is open from 8 am. Every customer receives"
                                + " complimentary streaming subscriptions.",
                        PASSAGES,
                        true)
                .orElseThrow();

        assertThat(check.unsupported())
                .containsExactly(
                        "Fibre 1000 costs 39.90 EUR per month.",
                        "Every customer receives complimentary streaming subscriptions.");
        assertThat(check.supported()).isEqualTo(1.0 / 3);
    }

    @Test
    void acrossLanguagesOnlyNumbersAreComparedAndAGreetingIsNotChecked() {
        var check = LexicalSupport.check(
                        "¡Hola! Fibre 1000 cuesta 44,90 EUR al mes. La instalación cuesta 59 EUR. Gracias por escribirnos.",
                        PASSAGES,
                        false)
                .orElseThrow();

        assertThat(check.unsupported()).containsExactly("La instalación cuesta 59 EUR.");
        assertThat(check.supported()).isEqualTo(0.5);
        assertThat(LexicalSupport.check("Gracias.", PASSAGES, false)).isEmpty();
    }
}
