package dev.grounded.reply.internal;

import dev.grounded.handoff.HandoffTriggers;
import dev.grounded.reply.Reply;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A message that is only a greeting or a thank-you ("Thanks, that's all I needed!", "¡Hola!", "Danke!") gets a short
 * reply in the customer's language, with no search and no model: the knowledge has nothing to say to it, and "I don't
 * have information about that", or a person, is the wrong answer to thanks. A greeting with a question in it is a
 * question, and goes on.
 */
@Component
@Order(260)
class AnswerSmallTalk implements ReplyStage {

    private static final int MAX_WORDS = 12;

    /** Thanks by language; a word of one language only says which language to answer in. */
    private static final Map<String, String> THANKS = byLanguage(Map.of(
            "en", "thanks thank thx ty cheers",
            "es", "gracias",
            "pt", "obrigado obrigada valeu",
            "fr", "merci",
            "de", "danke",
            "it", "grazie",
            "nl", "bedankt dank",
            "hi", "धन्यवाद शुक्रिया dhanyavad shukriya"));

    private static final Map<String, String> GREETINGS = byLanguage(Map.of(
            "en", "hi hey hiya hello morning afternoon evening",
            "es", "hola buenos buenas dias tardes noches",
            "pt", "ola oi bom boa dia tarde noite",
            "fr", "bonjour salut bonsoir",
            "de", "hallo guten tag morgen abend moin servus",
            "it", "ciao buongiorno buonasera salve",
            "nl", "hoi goedemorgen goedemiddag goedenavond",
            "hi", "नमस्ते नमस्कार namaste"));

    /** Words that go with thanks or a greeting and ask nothing. */
    private static final Set<String> COURTESY = words("""
            you very much so a lot lots many that s that's all i needed need it was everything ok okay great perfect
            nice super cool good have day there team again
            muchas mil eso es todo vale perfecto genial muy amable
            muito era so isso perfeito otimo
            beaucoup c est tout parfait ce qu il me fallait
            vielen schon sehr das war alles perfekt prima
            mille tante era tutto perfetto ottimo
            je u wel dat was alles perfect top prima
            बहुत बस इतना ही जी bahut ji""");

    private final ReplyMessages messages;

    AnswerSmallTalk(ReplyMessages messages) {
        this.messages = messages;
    }

    /**
     * @param key the bundle key of the reply
     * @param language the language its words are of, when they are of one only
     */
    record SmallTalk(String key, String language) {}

    @Override
    public Optional<Reply> reply(Turn turn) {
        return kind(turn.question()).map(talk -> {
            // A short message's language is often not told ("Danke, das war alles!"); its courtesy word tells it.
            String language = talk.language() != null ? talk.language() : turn.language();
            return Reply.smallTalk(messages.get(talk.key(), language), language, turn.made());
        });
    }

    /** What the message is when it is only thanks or a greeting. */
    static Optional<SmallTalk> kind(String message) {
        if (message == null) {
            return Optional.empty();
        }
        List<String> tokens = Arrays.stream(normalise(message).split(" "))
                .filter(token -> !token.isEmpty())
                .toList();
        if (tokens.isEmpty() || tokens.size() > MAX_WORDS) {
            return Optional.empty();
        }
        Set<String> thanks = new LinkedHashSet<>();
        Set<String> greeting = new LinkedHashSet<>();
        for (String token : tokens) {
            if (THANKS.containsKey(token)) {
                thanks.add(THANKS.get(token));
            } else if (GREETINGS.containsKey(token)) {
                greeting.add(GREETINGS.get(token));
            } else if (!COURTESY.contains(token)) {
                return Optional.empty();
            }
        }
        if (!thanks.isEmpty()) {
            return Optional.of(new SmallTalk("small-talk.thanks", only(thanks)));
        }
        if (!greeting.isEmpty()) {
            return Optional.of(new SmallTalk("small-talk.greeting", only(greeting)));
        }
        return Optional.empty();
    }

    /** The one language the words are of; null when they are of several, or of a word several languages share. */
    private static String only(Set<String> languages) {
        String language = languages.size() == 1 ? languages.iterator().next() : null;
        return language == null || language.isEmpty() ? null : language;
    }

    /** Each word to its language; a word of several languages (Dutch and German "hallo") to none. */
    private static Map<String, String> byLanguage(Map<String, String> words) {
        Map<String, String> languages = new HashMap<>();
        Set<String> shared = new HashSet<>();
        words.forEach((language, block) -> {
            for (String word : words(block)) {
                if (languages.putIfAbsent(word, language) != null) {
                    shared.add(word);
                }
            }
        });
        Map<String, String> byWord = new HashMap<>();
        languages.forEach((word, language) -> byWord.put(word, shared.contains(word) ? "" : language));
        return Map.copyOf(byWord);
    }

    private static Set<String> words(String block) {
        return Set.copyOf(Arrays.asList(normalise(block).strip().split("\\s+")));
    }

    /** As the handoff cues read a message: lower case, no Latin accents, words between single spaces. */
    private static String normalise(String text) {
        return HandoffTriggers.normalise(text).strip();
    }
}
