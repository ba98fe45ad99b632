package dev.grounded.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.ChunkMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

class QuestionCoverageTest {

    private static final Document FEES =
            passage("fees", "en", "The installation fee is 49 EUR, waived on 24-month contracts.");
    private static final Document PASSWORD = passage(
            "password", "en", "Forgot your portal password? Choose Reset password and enter your customer number.");
    private static final Document HOURS =
            passage("hours", "en", "Our support line is open Monday to Friday, 9:00-18:00.");
    private static final Document HORARIO =
            passage("horario", "es", "Nuestro horario de atención es de lunes a viernes, de 9:00 a 18:00.");

    @Test
    void theWordsOfAskingDoNotCountOnlyWhatIsAskedAbout() {
        Map<String, Double> coverage =
                QuestionCoverage.of("Hi! How much is the installation fee, can you tell me?", List.of(FEES, HOURS));

        assertThat(coverage.get("fees")).isEqualTo(1.0);
        assertThat(coverage.get("hours")).isZero();
    }

    @Test
    void aNameTheKnowledgeNeverMentionsIsWhatTheQuestionIsAbout() {
        double netflix = QuestionCoverage.of("How do I reset my Netflix password?", List.of(PASSWORD, HOURS, FEES))
                .get("password");
        double ours = QuestionCoverage.of("How do I reset my portal password?", List.of(PASSWORD, HOURS, FEES))
                .get("password");

        assertThat(ours).isEqualTo(1.0);
        assertThat(netflix).isLessThan(0.45);
        assertThat(QuestionCoverage.of("Netflix", List.of(PASSWORD)).get("password"))
                .as("at the start of a sentence a capital is no name; the word still is not held")
                .isZero();
    }

    @Test
    void aQuestionIsReadInEachPassagesLanguage() {
        Map<String, Double> coverage =
                QuestionCoverage.of("¿Cuál es vuestro horario de atención?", List.of(HORARIO, HOURS));

        assertThat(coverage.get("horario")).isEqualTo(1.0);
        assertThat(coverage.get("hours")).isLessThan(0.3);
        assertThat(QuestionCoverage.of("?", List.of(HOURS)).get("hours")).isZero();
    }

    private static Document passage(String id, String language, String text) {
        return Document.builder()
                .id(id)
                .text(text)
                .metadata(Map.of(ChunkMetadata.LANGUAGE, language))
                .build();
    }
}
