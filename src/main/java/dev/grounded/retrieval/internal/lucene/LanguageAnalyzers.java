package dev.grounded.retrieval.internal.lucene;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Chunk text is indexed in a field of its own language ({@code text_en}, {@code text_es}, ...) with that language's
 * stemming and stop words; a query is analysed once per language field, so it matches whatever language a chunk is in.
 */
final class LanguageAnalyzers {

    static final String FALLBACK = "std";

    private static final Map<String, Analyzer> BY_LANGUAGE = Map.of(
            "en",
            new EnglishAnalyzer(),
            "es",
            new SpanishAnalyzer(),
            "pt",
            new PortugueseAnalyzer(),
            "fr",
            new FrenchAnalyzer(),
            "de",
            new GermanAnalyzer(),
            "it",
            new ItalianAnalyzer(),
            "nl",
            new DutchAnalyzer(),
            FALLBACK,
            new StandardAnalyzer());

    private LanguageAnalyzers() {}

    static String field(String language) {
        return "text_" + (language != null && BY_LANGUAGE.containsKey(language) ? language : FALLBACK);
    }

    static Map<String, Analyzer> byField() {
        return BY_LANGUAGE.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> "text_" + e.getKey(), Map.Entry::getValue));
    }

    static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), byField());
    }
}
