package dev.grounded.retrieval;

import java.util.Map;
import java.util.Objects;

/**
 * What each search leg can read, so that fusion weighs a leg's vote on a passage by whether that leg understood the
 * question and the passage, and a leg that cannot read a language never outvotes one that can.
 *
 * <p>The keyword leg analyses a passage in the passage's own language; what it can say about a passage is how much of
 * the question the passage holds in that analysis (its coverage, which fusion weighs its vote by), so across languages
 * it says little by itself. The dense leg reads what its embedding model learned, declared per model as a factor per
 * language from 0 (not at all) to 1 (as well as any); a question and a passage are read together as well as the
 * product of their factors. The factors are calibrated on the XQuAD development pairs and the English sets
 * (docs/benchmarks.md, "Retrieval per language").
 *
 * @param model the embedding model's name, for the console and the logs
 * @param denseReads the model's factor per ISO 639-1 code; a language not listed is not read. Empty: every language
 *     alike.
 */
public record LegReading(String model, Map<String, Double> denseReads) {

    /**
     * bge-small-en-v1.5, the in-process default: English. Spanish and German share enough of its sub-word vocabulary
     * that it finds an English passage for such a question far better than keywords do (XQuAD es-en 0.62 against 0.34)
     * while it ranks passages in them far worse than keywords (es-es 0.78 against 0.96): at 0.3 it adds to the keyword
     * leg in both (es-es 0.970, de-de 0.959, from 0.964 and 0.944 alone), at 0.5 it already costs German. Portuguese,
     * French, Italian and Dutch are declared as Spanish and German by kinship (XQuAD has none of them). Other scripts
     * it does not read: Hindi and Russian fell from 0.96 to 0.13 and 0.31 with it.
     */
    public static LegReading bgeSmallEnglish(String model) {
        return new LegReading(
                model, Map.of("en", 1.0, "es", 0.3, "de", 0.3, "pt", 0.3, "fr", 0.3, "it", 0.3, "nl", 0.3));
    }

    /** A model that reads every language alike (a multilingual model, or an operator's declaration). */
    public static LegReading everyLanguage(String model) {
        return new LegReading(model, Map.of());
    }

    public LegReading {
        Objects.requireNonNull(model, "model");
        denseReads = Map.copyOf(denseReads);
        denseReads.forEach((language, factor) -> requireFactor(factor, "dense reading of " + language));
    }

    /** Whether the model reads every language alike: an empty declaration. */
    public boolean readsEveryLanguage() {
        return denseReads.isEmpty();
    }

    /** The dense factor of one language; a language that could not be told is taken to be read. */
    public double dense(String language) {
        if (readsEveryLanguage() || language == null) {
            return 1.0;
        }
        return denseReads.getOrDefault(language, 0.0);
    }

    /** The readings for one question: by its language, or by each passage's when it could not be told. */
    public ForQuestion forQuestion(String language) {
        return new ForQuestion(this, language);
    }

    /**
     * One question's view of the legs.
     *
     * @param language the question's language; null when it could not be told, and then taken to be the passage's
     * @param denseAvailable false when the dense leg could not be asked (its model failed): it then reads nothing
     */
    public record ForQuestion(LegReading reading, String language, boolean denseAvailable) {

        public ForQuestion(LegReading reading, String language) {
            this(reading, language, true);
        }

        /** The same question with the dense leg out of reach. */
        public ForQuestion withoutDense() {
            return new ForQuestion(reading, language, false);
        }

        /** Whether the dense leg is worth asking at all. */
        public boolean denseReadsQuestion() {
            return denseAvailable && reading.dense(language) > 0;
        }

        public double dense(String passageLanguage) {
            if (!denseAvailable) {
                return 0;
            }
            String question = language != null ? language : passageLanguage;
            return reading.dense(question) * reading.dense(passageLanguage);
        }

        /**
         * Whether the dense leg's similarity of the question and such a passage says whether the passage is on the
         * question's subject: wherever the model reads both languages at all (bge-small's similarities of two Spanish
         * texts still separate the subjects, of two Hindi texts they are noise). Elsewhere how much of the question
         * the passage holds decides ({@link RetrievedChunk#confidence()}).
         */
        public boolean denseJudges(String passageLanguage) {
            return dense(passageLanguage) > 0;
        }
    }

    private static void requireFactor(double factor, String what) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, was " + factor);
        }
    }
}
