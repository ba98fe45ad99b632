package dev.grounded.retrieval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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

    private final Map<String, String> supportedByIso3;

    public LanguageDetector(@Value("${grounded.languages:en,es,pt,fr,de,it,nl,hi}") List<String> supported) {
        this.supportedByIso3 = supported.stream()
                .map(code -> code.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toMap(code -> Locale.of(code).getISO3Language(), code -> code));
    }

    /** The languages answers may be in, as ISO 639-1 codes, in alphabetical order. */
    public List<String> supported() {
        return supportedByIso3.values().stream().sorted().toList();
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
            if (supportedByIso3.containsKey(result.getLanguage())) {
                if (best == null) {
                    best = result;
                } else {
                    second = result;
                    break;
                }
            }
        }
        if (best == null || (second != null && best.getRawScore() < second.getRawScore() * MIN_LEAD)) {
            return fallback;
        }
        return supportedByIso3.get(best.getLanguage());
    }
}
