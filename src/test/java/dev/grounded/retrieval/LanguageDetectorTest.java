package dev.grounded.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    private static final LanguageDetector detector =
            new LanguageDetector(List.of("en", "es", "pt", "fr", "de", "it", "nl", "hi"));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "What are your opening hours?|en",
                "Can I pay with PayPal?|en",
                "¿Cuál es el horario de atención?|es",
                "Puedo pagar con tarjeta?|es",
                "Quanto custa a instalação?|pt",
                "Quel est le prix de l'installation ?|fr",
                "Wie viel kostet die Installation?|de",
                "Quanto costa l'installazione?|it",
                "Hoeveel kost de installatie?|nl",
                "इंस्टॉलेशन की कीमत क्या है?|hi",
                "मुझे अपना बिल समझ नहीं आ रहा|hi",
                "hi|fallback",
                "ok thanks|fallback"
            })
    void detectsShortMessagesAmongTheSupportedLanguages(String message, String expected) {
        assertThat(detector.detect(message, "fallback")).isEqualTo(expected);
    }
}
