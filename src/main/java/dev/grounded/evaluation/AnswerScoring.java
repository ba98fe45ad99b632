package dev.grounded.evaluation;

import dev.grounded.llm.ChatModels;
import dev.grounded.reply.Reply;
import dev.grounded.retrieval.LanguageDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Scores an answer beyond token F1, as Ragas defines the metrics: correctness against the reference and faithfulness
 * (the share of the answer's claims the passages support) by the judge LLM when one is configured; faithfulness by a
 * lexical support check otherwise; answer relevancy from embeddings (of the questions the judge writes for the answer,
 * or of the answer itself). The report names the method of each.
 */
@Component
class AnswerScoring {

    /** What the judge returns for one answer. */
    record Verdict(Double correctness, String reason, List<Claim> claims, List<String> questions) {

        record Claim(String claim, boolean supported) {}
    }

    private final ChatClient judge;
    private final String judgeName;
    private final EmbeddingModel embeddings;
    private final LanguageDetector languages;
    private final String system;
    private final String user;

    AnswerScoring(EvaluationProperties properties, EmbeddingModel embeddings, LanguageDetector languages) {
        this.judge = properties.judged()
                ? ChatClient.create(ChatModels.of("grounded.evaluation.judge", properties.judge()))
                : null;
        this.judgeName = properties.judged() ? properties.judge().model() : null;
        this.embeddings = embeddings;
        this.languages = languages;
        this.system = read("prompts/judge-answer-system.st");
        this.user = read("prompts/judge-answer-user.st");
    }

    /** How each answer metric is measured in this configuration, for the report. */
    Map<String, String> methods() {
        Map<String, String> methods = new LinkedHashMap<>();
        if (judge != null) {
            methods.put("answer_correctness", "judge LLM " + judgeName + ", graded against expected_answer (0 to 1)");
            methods.put(
                    "faithfulness",
                    "judge LLM " + judgeName + ": the share of the answer's claims the passages it was given support");
            methods.put(
                    "answer_relevancy",
                    "mean cosine similarity of the question to 3 questions the judge wrote for the answer (embedding"
                            + " model)");
        } else {
            methods.put(
                    "answer_correctness",
                    "not measured: no judge LLM configured (grounded.evaluation.judge); answer_f1 is token F1");
            methods.put(
                    "faithfulness",
                    "lexical support check (no judge LLM configured): the share of the answer's sentences whose numbers"
                            + " and words appear in the passages it was given; across languages, numbers only");
            methods.put("answer_relevancy", "cosine similarity of the question and the answer (embedding model)");
        }
        return methods;
    }

    /** Scores a reply that answered; null for one that did not (nothing to score). */
    CaseResult.Judgement score(EvalCase evalCase, Reply reply) {
        if (reply.answer() == null || !answered(reply.outcome())) {
            return null;
        }
        // A quick reply is the business's own answer, not a claim about passages.
        boolean grounded =
                reply.outcome() != Reply.Outcome.QUICK_REPLY && !reply.sources().isEmpty();
        String passages = passages(reply.sources());
        if (judge == null) {
            Optional<LexicalSupport.Check> lexical = grounded
                    ? LexicalSupport.check(
                            reply.answer(),
                            passages,
                            reply.language() != null
                                    && reply.language().equals(languages.detect(passages, reply.language())))
                    : Optional.empty();
            return new CaseResult.Judgement(
                    null,
                    null,
                    lexical.map(LexicalSupport.Check::supported).orElse(null),
                    lexical.map(LexicalSupport.Check::unsupported).orElse(List.of()),
                    similarity(evalCase.question(), List.of(reply.answer())),
                    null);
        }
        Verdict verdict;
        try {
            verdict = judge.prompt()
                    .system(system)
                    .user(u -> u.text(user)
                            .param("question", evalCase.question())
                            .param("reference", evalCase.expectedAnswer() == null ? "none" : evalCase.expectedAnswer())
                            .param(
                                    "passages",
                                    grounded ? passages : "(none: this was a quick reply written by the" + " business)")
                            .param("answer", reply.answer()))
                    .call()
                    .entity(Verdict.class);
        } catch (RuntimeException e) {
            return new CaseResult.Judgement(null, null, null, List.of(), null, "the judge failed: " + e.getMessage());
        }
        if (verdict == null) {
            return new CaseResult.Judgement(null, null, null, List.of(), null, "the judge gave no verdict");
        }
        List<Verdict.Claim> claims = verdict.claims() == null ? List.of() : verdict.claims();
        List<String> unsupported = new ArrayList<>();
        claims.stream().filter(c -> !c.supported()).forEach(c -> unsupported.add(c.claim()));
        Double faithfulness =
                grounded && !claims.isEmpty() ? (double) (claims.size() - unsupported.size()) / claims.size() : null;
        List<String> questions = verdict.questions() == null
                ? List.of()
                : verdict.questions().stream()
                        .filter(q -> q != null && !q.isBlank())
                        .toList();
        return new CaseResult.Judgement(
                evalCase.expectedAnswer() == null ? null : clamp(verdict.correctness()),
                verdict.reason(),
                faithfulness,
                unsupported,
                questions.isEmpty() ? null : similarity(evalCase.question(), questions),
                null);
    }

    private static boolean answered(Reply.Outcome outcome) {
        return outcome == Reply.Outcome.ANSWERED
                || outcome == Reply.Outcome.EXTRACTIVE
                || outcome == Reply.Outcome.QUICK_REPLY;
    }

    private static String passages(List<Reply.Source> sources) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            Reply.Source source = sources.get(i);
            text.append('[')
                    .append(i + 1)
                    .append("] ")
                    .append(source.title())
                    .append('\n')
                    .append(source.text() == null ? source.snippet() : source.text())
                    .append("\n\n");
        }
        return text.toString().strip();
    }

    /** The mean cosine similarity of the question to each text. */
    private double similarity(String question, List<String> texts) {
        float[] asked = embeddings.embed(question);
        return texts.stream()
                .mapToDouble(text -> cosine(asked, embeddings.embed(text)))
                .average()
                .orElseThrow();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    private static Double clamp(Double score) {
        return score == null ? null : Math.max(0, Math.min(1, score));
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
