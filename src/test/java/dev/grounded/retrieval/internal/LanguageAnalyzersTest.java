package dev.grounded.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.SupportedLanguage;
import org.junit.jupiter.api.Test;

/** Every supported language is analysed by its own analyzer, or is one of the few Lucene has none for. */
class LanguageAnalyzersTest {

    @Test
    void everySupportedLanguageHasItsAnalyzerOrIsKnownToHaveNone() {
        for (SupportedLanguage language : SupportedLanguage.values()) {
            assertThat(LanguageAnalyzers.analyses(language.code())
                            != LanguageAnalyzers.STANDARD.contains(language.code()))
                    .as(language.code())
                    .isTrue();
            assertThat(LanguageAnalyzers.field(language.code()))
                    .isEqualTo(
                            LanguageAnalyzers.STANDARD.contains(language.code())
                                    ? "text_" + LanguageAnalyzers.FALLBACK
                                    : "text_" + language.code());
        }
    }
}
