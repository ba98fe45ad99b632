package dev.grounded.retrieval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Grounded reads and answers in: the one list the language detector chooses among, the customer-facing
 * messages are written in (a test keeps every bundle complete), the keyword index analyses with (a Lucene analyzer per
 * language, a PostgreSQL text search configuration per language) and the console offers.
 *
 * @param code ISO 639-1, as stored with chunks and messages
 * @param textSearch PostgreSQL's text search configuration; {@code simple} where PostgreSQL has none for the language
 * @param detectorCodes the language detector's (OpenNLP's) names for it. Romanised Hindi, Tamil and Telugu are left out:
 *     on a short message they tie with English.
 */
public enum SupportedLanguage {
    EN("en", "english", "eng"),
    ES("es", "spanish", "spa"),
    PT("pt", "portuguese", "por"),
    FR("fr", "french", "fra"),
    DE("de", "german", "deu"),
    IT("it", "italian", "ita"),
    NL("nl", "dutch", "nld"),
    HI("hi", "hindi", "hin"),
    RU("ru", "russian", "rus"),
    AR("ar", "arabic", "ara"),
    ZH("zh", "simple", "zho-simp", "zho-trad", "cmn"),
    TA("ta", "tamil", "tam"),
    TE("te", "simple", "tel"),
    /** Not detected unless enabled: on a short message it competes with Dutch (and Zulu with English). */
    AF("af", "simple", "afr"),
    /** Not detected unless enabled, as Afrikaans. */
    ZU("zu", "simple", "zul");

    /** What an installation detects when GROUNDED_LANGUAGES does not say. */
    public static List<String> detectedByDefault() {
        return Arrays.stream(values())
                .filter(language -> language != AF && language != ZU)
                .map(SupportedLanguage::code)
                .toList();
    }

    private final String code;
    private final String textSearch;
    private final List<String> detectorCodes;

    SupportedLanguage(String code, String textSearch, String... detectorCodes) {
        this.code = code;
        this.textSearch = textSearch;
        this.detectorCodes = List.of(detectorCodes);
    }

    public String code() {
        return code;
    }

    public String textSearch() {
        return textSearch;
    }

    public List<String> detectorCodes() {
        return detectorCodes;
    }

    /** The language's name in English, for the console. */
    public String displayName() {
        return Locale.of(code).getDisplayLanguage(Locale.ENGLISH);
    }

    public static Optional<SupportedLanguage> of(String code) {
        return Arrays.stream(values())
                .filter(language -> language.code.equals(code))
                .findFirst();
    }

    /** Every code, in this list's order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(SupportedLanguage::code).toList();
    }
}
