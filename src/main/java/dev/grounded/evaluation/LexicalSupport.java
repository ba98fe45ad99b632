package dev.grounded.evaluation;

import dev.grounded.retrieval.Sentences;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Faithfulness without a judge LLM: is each sentence of an answer supported by the passages it was given? A sentence
 * is supported when every number in it appears in the passages and most of its longer words do (compared by their
 * first five letters, a crude stem). Weaker than a judge (a paraphrase may fail it, an invented claim built from the
 * passages' words may pass), it reliably catches the invented price, time or date. Across languages only numbers are
 * compared, and sentences without one are left out.
 */
final class LexicalSupport {

    /** The share of the longer words of a sentence that must appear in the passages. */
    static final double WORD_SHARE = 0.6;

    private static final int LONG_WORD = 5;

    /**
     * @param supported the share of the checked sentences that the passages support
     * @param unsupported the sentences they do not
     */
    record Check(double supported, List<String> unsupported) {}

    private LexicalSupport() {}

    /** Empty when no sentence of the answer can be checked. */
    static Optional<Check> check(String answer, String passages, boolean sameLanguage) {
        Set<String> numbers = new HashSet<>();
        Set<String> stems = new HashSet<>();
        for (String token : tokens(passages)) {
            if (isNumber(token)) {
                numbers.addAll(forms(token));
            } else {
                stems.add(stem(token));
            }
        }
        int checked = 0;
        List<String> unsupported = new ArrayList<>();
        for (String sentence : Sentences.split(answer)) {
            List<Set<String>> sentenceNumbers = new ArrayList<>();
            List<String> words = new ArrayList<>();
            for (String token : tokens(sentence)) {
                if (isNumber(token)) {
                    sentenceNumbers.add(forms(token));
                } else if (token.length() >= LONG_WORD) {
                    words.add(stem(token));
                }
            }
            boolean checkWords = sameLanguage && !words.isEmpty();
            if (sentenceNumbers.isEmpty() && !checkWords) {
                continue;
            }
            checked++;
            boolean numbersFound =
                    sentenceNumbers.stream().allMatch(forms -> forms.stream().anyMatch(numbers::contains));
            long found = words.stream().filter(stems::contains).count();
            boolean wordsFound = !checkWords || found >= WORD_SHARE * words.size();
            if (!numbersFound || !wordsFound) {
                unsupported.add(sentence);
            }
        }
        return checked == 0
                ? Optional.empty()
                : Optional.of(new Check((double) (checked - unsupported.size()) / checked, unsupported));
    }

    /** Words and numbers; a number keeps its inner separators ("44.90", "8:00"). */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}.,:]+")) {
            String trimmed = token.replaceAll("^[.,:]+|[.,:]+$", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.chars().anyMatch(Character::isDigit)) {
                tokens.add(trimmed);
            } else {
                for (String word : trimmed.split("[.,:]+")) {
                    if (!word.isEmpty()) {
                        tokens.add(word);
                    }
                }
            }
        }
        return tokens;
    }

    private static boolean isNumber(String token) {
        return token.chars().anyMatch(Character::isDigit);
    }

    /**
     * The ways a number may be written: "44.90", "44,90" and "44.9" are one number, "1,000" is 1000, and "8:00"
     * stands for 8 as well.
     */
    private static Set<String> forms(String token) {
        Set<String> forms = new HashSet<>();
        forms.add(token);
        int colon = token.indexOf(':');
        if (colon > 0) {
            forms.add(token.substring(0, colon));
        }
        decimal(token.replace(',', '.')).ifPresent(forms::add);
        decimal(token.replace(",", "")).ifPresent(forms::add);
        return forms;
    }

    private static Optional<String> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text).stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String stem(String word) {
        return word.length() <= LONG_WORD ? word : word.substring(0, LONG_WORD);
    }
}
