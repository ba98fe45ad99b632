package dev.grounded.retrieval;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Detects the language of a message or a text, as an ISO 639-1 code, among the languages Grounded supports.
 *
 * <p>OpenNLP's model knows about a hundred languages and spreads its probability thinly over them for a short
 * WhatsApp message, so the top guess is often a language nobody writes to a support line in. Choosing the most
 * probable of the supported languages, and only when it clearly leads the next one, is right far more often.
 */
@Component
public class LanguageDetector {

    private static final double MIN_LEAD = 1.05;

    /** The detector's language names (one language may have several) to the language's ISO 639-1 code. */
    private final Map<String, String> supportedByDetectorCode;

    /**
     * @param enabled the installation's languages ({@code GROUNDED_LANGUAGES}), a subset of {@link SupportedLanguage};
     *     empty for {@link SupportedLanguage#detectedByDefault()}
     */
    public LanguageDetector(@Value("${grounded.languages:}") List<String> enabled) {
        List<String> codes = enabled.stream()
                .map(code -> code.strip().toLowerCase(Locale.ROOT))
                .filter(code -> !code.isEmpty())
                .toList();
        Map<String, String> byDetectorCode = new HashMap<>();
        for (String code : codes.isEmpty() ? SupportedLanguage.detectedByDefault() : codes) {
            SupportedLanguage language = SupportedLanguage.of(code)
                    .orElseThrow(() -> new IllegalArgumentException("grounded.languages: " + code
                            + " is not a supported language; one of " + SupportedLanguage.codes()));
            language.detectorCodes().forEach(detectorCode -> byDetectorCode.put(detectorCode, code));
        }
        this.supportedByDetectorCode = Map.copyOf(byDetectorCode);
    }

    /** The languages answers may be in, as ISO 639-1 codes, in alphabetical order. */
    public List<String> supported() {
        return supportedByDetectorCode.values().stream().distinct().sorted().toList();
    }

    /**
     * @param fallback returned when the text is too short or too mixed to tell
     */
    public String detect(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        // A detector holds per-text state; its model is shared and loaded once, so one per call is cheap and lock-free.
        var detector = new OpenNLPDetector();
        detector.addText(text.length() > 4000 ? text.substring(0, 4000) : text);
        List<LanguageResult> results = detector.detectAll();
        LanguageResult best = null;
        LanguageResult second = null;
        for (LanguageResult result : results) {
            String code = supportedByDetectorCode.get(result.getLanguage());
            if (code == null) {
                continue;
            }
            if (best == null) {
                best = result;
            } else if (!code.equals(supportedByDetectorCode.get(best.getLanguage()))) {
                // Hindi and romanised Hindi are one language: the lead that counts is over another language.
                second = result;
                break;
            }
        }
        if (best == null || (second != null && best.getRawScore() < second.getRawScore() * MIN_LEAD)) {
            return fallback;
        }
        return supportedByDetectorCode.get(best.getLanguage());
    }
}
