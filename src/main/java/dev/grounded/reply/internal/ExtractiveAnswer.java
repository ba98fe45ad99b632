package dev.grounded.reply.internal;

import dev.grounded.retrieval.Sentences;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The answer when no LLM is available: the sentences of the best passage that share the most words with the
 * question, quoted as they stand, so nothing is said that the knowledge does not say.
 */
public final class ExtractiveAnswer {

    private static final int MAX_LENGTH = 600;
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "you", "your", "are", "was", "what", "how", "much", "does", "can", "with", "our",
            "have", "has", "any", "there", "this", "that", "from", "when", "who", "which", "will", "would", "should",
            "about", "que", "los", "las", "del", "por", "para", "con", "una", "como", "cuál", "qué", "mis", "tus",
            "sus", "das", "dos", "não", "uma", "com", "qual", "quel", "est", "les", "des", "une", "pour", "avec", "wie",
            "der", "die", "und", "ist", "mit");

    private ExtractiveAnswer() {}

    public static String from(String question, String passage) {
        List<String> sentences = sentences(passage);
        if (sentences.isEmpty()) {
            return passage.strip();
        }
        Set<String> asked = words(question);
        int best = 0;
        int bestScore = -1;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> shared = words(sentences.get(i));
            shared.retainAll(asked);
            if (shared.size() > bestScore) {
                bestScore = shared.size();
                best = i;
            }
        }
        StringBuilder answer = new StringBuilder(sentences.get(best));
        for (int i = best + 1;
                i < sentences.size() && answer.length() + sentences.get(i).length() < MAX_LENGTH;
                i++) {
            answer.append(' ').append(sentences.get(i));
            if (i >= best + 2) {
                break;
            }
        }
        return answer.toString();
    }

    private static List<String> sentences(String text) {
        return Sentences.split(text.replaceAll("\\s+", " ").strip());
    }

    /** Content words, cut to a prefix so that "installation" meets "install" without a stemmer per language. */
    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
                words.add(word.length() > 6 ? word.substring(0, 6) : word);
            }
        }
        return words;
    }
}
