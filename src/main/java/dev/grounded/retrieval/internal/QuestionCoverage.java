package dev.grounded.retrieval.internal;

import dev.grounded.retrieval.ChunkMetadata;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.springframework.ai.document.Document;

/**
 * How much of a question each of a set of passages holds: the share of the question's terms a passage contains, each
 * term weighted by how rare it is among the passages (a term none of them holds, such as another company's name, weighs
 * the most). The question is analysed as each passage is, in the passage's language (stemming, stop words), so this
 * reads any language the keyword index reads and, across languages, finds only what the two texts share.
 *
 * <p>The rarity is measured over the passages given (a search's candidates), not over the whole knowledge: it needs no
 * index statistics, so both storage profiles measure alike, and among the candidates is where it has to discriminate.
 */
public final class QuestionCoverage {

    private static final int MAX_CHARS = 20_000;
    private static final int MIN_PASSAGES = 10;

    /**
     * English is analysed with Snowball's stop words and the fillers of a question, not the index's short list: the
     * words of asking ("how much does", "can you tell me") appear in no passage and, as rare terms, would weigh the
     * most. The other languages' analyzers already stop Snowball's lists.
     */
    private static final Analyzer ENGLISH = new EnglishAnalyzer(englishStopWords());

    /**
     * The words of asking in the other languages whose stop lists leave them in (a Spanish "¿cuánto cuesta?" would
     * otherwise weigh "cuánto" most), stopped after the language's own analysis so stemmed forms match.
     */
    private static final Map<String, String> ASKING = Map.of(
            "es",
            "cuál cuáles cuánto cuánta cuántos cuántas cómo dónde cuándo qué quién puedo puede pueden podría podrían"
                    + " hay quiero necesito saber favor hola gracias vuestro vuestra vuestros ustedes usted",
            "pt",
            "qual quais quanto quanta quantos quantas como onde quando que quem posso pode podem poderia há quero"
                    + " preciso saber favor olá obrigado obrigada vocês você",
            "fr",
            "quel quelle quels quelles combien comment où quand qui quoi puis peux peut pouvez pourriez est-ce"
                    + " voudrais veux besoin savoir svp bonjour merci",
            "de",
            "welche welcher welches wie viel viele wo wann was wer kann können könnte könnten gibt möchte brauche"
                    + " wissen bitte hallo danke",
            "it",
            "quale quali quanto quanta quanti quante come dove quando che chi posso può possono potrei vorrei voglio"
                    + " bisogno sapere favore ciao grazie",
            "nl",
            "welke welk hoeveel hoe waar wanneer wat wie kan kunnen kunt zou wil graag nodig weten alstublieft"
                    + " hallo bedankt dank");

    private static final Map<String, Set<String>> ASKING_TERMS = new ConcurrentHashMap<>();

    /**
     * A name in the question (a capitalised word inside a sentence: "Netflix", "Vodafone") that none of the passages
     * holds is what the question is about, and it is something else than this knowledge: it weighs this many times
     * a rare word, so a passage sharing only the question's common words ("reset", "password") does not cover it.
     */
    private static final double UNKNOWN_NAME_WEIGHT = 3;

    /** A capitalised word not at the start of a sentence. */
    private static final Pattern NAME = Pattern.compile("(?<![.!?¿¡]\\s{0,3})(?<=\\S\\s{1,3})\\p{Lu}[\\p{L}\\p{N}-]+");

    private QuestionCoverage() {}

    /** Each passage's coverage of the question, by the passage's id; 0 for every passage when the question has no terms. */
    public static Map<String, Double> of(String question, Collection<Document> passages) {
        Map<String, Set<String>> passageTerms = new HashMap<>();
        Map<String, Set<String>> questionTerms = new HashMap<>();
        Map<String, Set<String>> nameTerms = new HashMap<>();
        String names = names(question);
        for (Document passage : passages) {
            String language = ChunkMetadata.string(passage, ChunkMetadata.LANGUAGE);
            Analyzer analyzer = "en".equals(language) ? ENGLISH : LanguageAnalyzers.forLanguage(language);
            passageTerms.computeIfAbsent(passage.getId(), id -> terms(analyzer, ChunkMetadata.embeddingText(passage)));
            questionTerms.computeIfAbsent(language == null ? "" : language, l -> asked(analyzer, l, question));
            // German capitalises every noun: there a capital says nothing of a name.
            nameTerms.computeIfAbsent(
                    language == null ? "" : language, l -> l.equals("de") ? Set.of() : terms(analyzer, names));
        }
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (Set<String> terms : new HashSet<>(questionTerms.values())) {
            for (String term : terms) {
                documentFrequency.computeIfAbsent(term, t -> (int) passageTerms.values().stream()
                        .filter(held -> held.contains(t))
                        .count());
            }
        }
        // Rarity among two or three candidates says little (a small tenant's one quick reply holds every word it
        // holds): counted as if among at least MIN_PASSAGES.
        int n = Math.max(passageTerms.size(), MIN_PASSAGES);
        Map<String, Double> coverage = new HashMap<>();
        for (Document passage : passages) {
            String language = ChunkMetadata.string(passage, ChunkMetadata.LANGUAGE);
            Set<String> asked = questionTerms.get(language == null ? "" : language);
            Set<String> named = nameTerms.get(language == null ? "" : language);
            Set<String> held = passageTerms.get(passage.getId());
            double total = 0;
            double found = 0;
            for (String term : asked) {
                int df = documentFrequency.get(term);
                double weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                if (df == 0 && named.contains(term)) {
                    weight *= UNKNOWN_NAME_WEIGHT;
                }
                total += weight;
                if (held.contains(term)) {
                    found += weight;
                }
            }
            coverage.put(passage.getId(), total == 0 ? 0 : found / total);
        }
        return coverage;
    }

    private static Set<String> asked(Analyzer analyzer, String language, String question) {
        Set<String> terms = terms(analyzer, question);
        String asking = ASKING.get(language);
        if (asking != null) {
            terms.removeAll(ASKING_TERMS.computeIfAbsent(language, l -> terms(analyzer, asking)));
        }
        return terms;
    }

    private static String names(String question) {
        StringBuilder names = new StringBuilder();
        Matcher name = NAME.matcher(question);
        while (name.find()) {
            names.append(name.group()).append(' ');
        }
        return names.toString();
    }

    private static CharArraySet englishStopWords() {
        try (var stream = SnowballFilter.class.getResourceAsStream("english_stop.txt")) {
            CharArraySet words = new CharArraySet(
                    WordlistLoader.getSnowballWordSet(new InputStreamReader(
                            Objects.requireNonNull(stream, "english_stop.txt"), StandardCharsets.UTF_8)),
                    true);
            words.addAll(List.of(
                    "can", "much", "many", "please", "hi", "hello", "hey", "thanks", "thank", "tell", "know", "get",
                    "also", "just", "still"));
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        try (TokenStream stream = analyzer.tokenStream("text", bounded)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
