package dev.grounded.evaluation;

import dev.grounded.reply.Reply;
import java.util.List;
import java.util.Map;

/**
 * How the bot handled one case.
 *
 * @param retrieved the distinct titles the search ranked, in order (documents and quick replies), for the retrieval
 *     metrics
 * @param stageMs milliseconds per stage of the reply (retrieval, generation, total, ...)
 * @param judgement the answer's scores beyond token F1; null when the bot gave no answer to score
 * @param trace how the reply came about: every retrieved chunk with both legs' ranks and scores, the provider
 *     attempts, the rewritten query, ms per stage
 */
public record CaseResult(
        EvalCase evalCase,
        String outcome,
        String answer,
        String language,
        String provider,
        boolean degraded,
        String handoffReason,
        List<String> retrieved,
        List<String> sources,
        Map<String, Long> stageMs,
        long latencyMs,
        Judgement judgement,
        Reply.Trace trace) {

    /**
     * How an answer scored; a score that could not be measured is null, never a guess.
     *
     * @param correctness the judge's grade against {@code expected_answer}, 0 to 1 (judge only)
     * @param correctnessReason the judge's reason for it
     * @param faithfulness the share of the answer's claims (judge) or sentences (lexical check) the passages it was
     *     given support
     * @param unsupported the claims or sentences they do not
     * @param relevancy how closely the answer addresses the question (cosine similarity of embeddings)
     * @param error why the judge could not grade this answer
     */
    public record Judgement(
            Double correctness,
            String correctnessReason,
            Double faithfulness,
            List<String> unsupported,
            Double relevancy,
            String error) {

        public Judgement {
            unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
        }
    }

    /** The bot answered (generated, quick reply, quoted, or a greeting or thanks in kind). */
    public boolean answered() {
        return outcome.equals("answered")
                || outcome.equals("quick_reply")
                || outcome.equals("extractive")
                || outcome.equals("small_talk");
    }

    /** The bot said the knowledge does not cover it, or handed over because it kept not covering. */
    public boolean refused() {
        return outcome.equals("not_covered") || "missing_knowledge".equals(handoffReason);
    }

    public boolean handedOff() {
        return outcome.equals("handoff");
    }

    /** Whether the bot did what the case expects: answered, refused or handed over. */
    public boolean metExpectation() {
        return switch (evalCase.expect()) {
            case ANSWER -> answered();
            case REFUSE -> refused();
            case HANDOFF -> handedOff();
        };
    }
}
