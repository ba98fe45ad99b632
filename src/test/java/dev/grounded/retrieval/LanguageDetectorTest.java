package dev.grounded.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    /** The languages an installation detects by default. */
    private static final LanguageDetector detector = new LanguageDetector(List.of());

    /** With Afrikaans and Zulu enabled, as an installation serving South Africa would. */
    private static final LanguageDetector southAfrica = new LanguageDetector(List.of("en", "af", "zu"));

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
                "Сколько стоит установка?|ru",
                "كم تكلفة التركيب؟|ar",
                "安装费用是多少？|zh",
                "நிறுவல் கட்டணம் எவ்வளவு?|ta",
                "ఇన్‌స్టాలేషన్ ఖర్చు ఎంత?|te",
                "Ik wil graag mijn abonnement opzeggen|nl",
                "hi|fallback",
                "ok thanks|fallback"
            })
    void detectsShortMessagesAmongTheSupportedLanguages(String message, String expected) {
        assertThat(detector.detect(message, "fallback")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How much does the installation cost?|en",
                "Hoeveel kos die installasie by my huis?|af",
                "Ngicela ukukhuluma nomuntu ngenkokhelo yami|zu"
            })
    void detectsAfrikaansAndZuluWhereEnabled(String message, String expected) {
        assertThat(southAfrica.detect(message, "fallback")).isEqualTo(expected);
    }
}
