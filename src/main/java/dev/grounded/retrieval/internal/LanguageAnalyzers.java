package dev.grounded.retrieval.internal;

import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;

/**
 * Chunk text is indexed in a field of its own language ({@code text_en}, {@code text_es}, ...) with that language's
 * stemming and stop words; a query is analysed once per language field, so it matches whatever language a chunk is in.
 */
public final class LanguageAnalyzers {

    public static final String FALLBACK = "std";

    /**
     * Each supported language's analyzer; a language Lucene has none for (Afrikaans, Zulu) is indexed in the standard
     * field. {@code LanguageAnalyzersTest} keeps this in step with {@link dev.grounded.retrieval.SupportedLanguage}.
     */
    private static final Map<String, Analyzer> BY_LANGUAGE = Map.ofEntries(
            Map.entry("en", new EnglishAnalyzer()),
            Map.entry("es", new SpanishAnalyzer()),
            Map.entry("pt", new PortugueseAnalyzer()),
            Map.entry("fr", new FrenchAnalyzer()),
            Map.entry("de", new GermanAnalyzer()),
            Map.entry("it", new ItalianAnalyzer()),
            Map.entry("nl", new DutchAnalyzer()),
            Map.entry("hi", new HindiAnalyzer()),
            Map.entry("ru", new RussianAnalyzer()),
            Map.entry("ar", new ArabicAnalyzer()),
            Map.entry("zh", new CJKAnalyzer()),
            Map.entry("ta", new TamilAnalyzer()),
            Map.entry("te", new TeluguAnalyzer()),
            Map.entry(FALLBACK, new StandardAnalyzer()));

    /** Supported languages Lucene has no analyzer for: their chunks go to the standard field. */
    public static final Set<String> STANDARD = Set.of("af", "zu");

    private LanguageAnalyzers() {}

    /** The language's analyzer, or the standard one for a language without its own (or none given). */
    public static Analyzer forLanguage(String language) {
        Analyzer analyzer = language == null ? null : BY_LANGUAGE.get(language);
        return analyzer != null ? analyzer : BY_LANGUAGE.get(FALLBACK);
    }

    /** Whether the language has an analyzer of its own. */
    public static boolean analyses(String language) {
        return !language.equals(FALLBACK) && BY_LANGUAGE.containsKey(language);
    }

    public static String field(String language) {
        return "text_" + (language != null && BY_LANGUAGE.containsKey(language) ? language : FALLBACK);
    }

    public static Map<String, Analyzer> byField() {
        return BY_LANGUAGE.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> "text_" + e.getKey(), Map.Entry::getValue));
    }

    public static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), byField());
    }
}
