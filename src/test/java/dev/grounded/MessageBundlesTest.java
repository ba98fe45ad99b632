package dev.grounded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.SupportedLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every supported language has every sentence the bot and the channels say to customers: a language added to {@link
 * SupportedLanguage} without its translations, or a sentence added in English only, fails here.
 */
class MessageBundlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"reply/messages", "channel/messages"})
    void everySupportedLanguageHasEverySentence(String basename) throws IOException {
        Properties english = load(basename + ".properties");
        assertThat(english).isNotEmpty();
        List<String> languages = SupportedLanguage.codes().stream()
                .filter(code -> !code.equals("en"))
                .toList();
        for (String language : languages) {
            Properties translated = load(basename + "_" + language + ".properties");
            assertThat(translated.stringPropertyNames())
                    .as("%s_%s", basename, language)
                    .isEqualTo(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                String sentence = translated.getProperty(key);
                assertThat(sentence).as("%s_%s %s", basename, language, key).isNotBlank();
                assertThat(sentence.contains("{0}"))
                        .as("%s_%s %s keeps its {0}", basename, language, key)
                        .isEqualTo(english.getProperty(key).contains("{0}"));
                assertThat(sentence)
                        .as("%s_%s %s is translated", basename, language, key)
                        .isNotEqualTo(english.getProperty(key));
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
