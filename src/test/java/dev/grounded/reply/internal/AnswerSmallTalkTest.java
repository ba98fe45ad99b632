package dev.grounded.reply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerSmallTalkTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Thanks, that's all I needed!",
                "thank you so much 🙏",
                "¡Gracias, eso es todo!",
                "Obrigado, era só isso!",
                "Merci, c'est tout ce qu'il me fallait !",
                "Danke, das war alles!",
                "Grazie, era tutto!",
                "Bedankt, dat was alles!",
                "धन्यवाद, बस इतना ही!"
            })
    void thanksInEachLanguage(String message) {
        assertThat(AnswerSmallTalk.kind(message))
                .map(AnswerSmallTalk.SmallTalk::key)
                .contains("small-talk.thanks");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"Danke, das war alles!|de", "Obrigado, era só isso!|pt", "Bedankt!|nl", "thanks|en"})
    void theCourtesyWordTellsTheLanguageAShortMessageDoesNot(String message, String language) {
        assertThat(AnswerSmallTalk.kind(message))
                .map(AnswerSmallTalk.SmallTalk::language)
                .contains(language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi!", "hello there", "¡Hola!", "Bom dia", "Bonjour", "Guten Morgen", "नमस्ते"})
    void greetings(String message) {
        assertThat(AnswerSmallTalk.kind(message))
                .map(AnswerSmallTalk.SmallTalk::key)
                .contains("small-talk.greeting");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hi, how much is Fibre 1000?",
                "Thanks, and when do you open on Saturday?",
                "Hola, ¿cuánto cuesta la instalación?",
                "ok",
                "",
                "Is it perfect for gaming?"
            })
    void aQuestionIsNoSmallTalk(String message) {
        assertThat(AnswerSmallTalk.kind(message)).isEmpty();
    }
}
