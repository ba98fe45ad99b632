package dev.grounded.reply.internal;

import dev.grounded.retrieval.Sentences;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answer when no LLM is available: the sentences of the best passage that share the most words with the
 * question, quoted as they stand, so nothing is said that the knowledge does not say.
 */
public final class ExtractiveAnswer {

    private static final int MAX_LENGTH = 600;
    /** A line this short without a sentence's final punctuation is a heading. */
    private static final int HEADING_WORDS = 8;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:…。！？।)\\]\"'»”]$");
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "you", "your", "are", "was", "what", "how", "much", "does", "can", "with", "our",
            "have", "has", "any", "there", "this", "that", "from", "when", "who", "which", "will", "would", "should",
            "about", "que", "los", "las", "del", "por", "para", "con", "una", "como", "cuál", "qué", "mis", "tus",
            "sus", "das", "dos", "não", "uma", "com", "qual", "quel", "est", "les", "des", "une", "pour", "avec", "wie",
            "der", "die", "und", "ist", "mit");

    private ExtractiveAnswer() {}

    public static String from(String question, String passage) {
        List<Sentence> sentences = sentences(passage);
        if (sentences.isEmpty()) {
            return passage.strip();
        }
        Set<String> asked = words(question);
        int best = 0;
        int bestScore = -1;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> shared = words(sentences.get(i).text());
            shared.retainAll(asked);
            if (shared.size() > bestScore) {
                bestScore = shared.size();
                best = i;
            }
        }
        Sentence first = sentences.get(best);
        StringBuilder answer = new StringBuilder(first.text());
        // What follows in the same paragraph completes the answer; the next paragraph is another subject.
        for (int i = best + 1;
                i < sentences.size()
                        && sentences.get(i).paragraph() == first.paragraph()
                        && answer.length() + sentences.get(i).text().length() < MAX_LENGTH;
                i++) {
            answer.append(' ').append(sentences.get(i).text());
            if (i >= best + 2) {
                break;
            }
        }
        return answer.toString();
    }

    /** A sentence and the paragraph of the passage it is in. */
    private record Sentence(String text, int paragraph) {}

    /**
     * The passage's sentences, paragraph by paragraph (a passage keeps its paragraphs on lines of their own). A
     * heading, a short line without a sentence's final punctuation (not a table row or a list item), is no sentence: quoted, it would run into the
     * sentence after it ("…per month. Moving house If you move…").
     */
    private static List<Sentence> sentences(String text) {
        List<Sentence> sentences = new ArrayList<>();
        String[] paragraphs = text.split("\\R");
        for (int p = 0; p < paragraphs.length; p++) {
            String paragraph = paragraphs[p].replaceAll("\\s+", " ").strip();
            if (paragraph.isEmpty() || isHeading(paragraph)) {
                continue;
            }
            for (String sentence : Sentences.split(paragraph)) {
                sentences.add(new Sentence(sentence, p));
            }
        }
        return sentences;
    }

    private static boolean isHeading(String line) {
        if (line.startsWith("#")) {
            return true;
        }
        if (line.startsWith("|") || line.startsWith("- ")) {
            return false;
        }
        return HEADING_WORDS >= line.split(" ").length
                && !SENTENCE_END.matcher(line).find();
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
