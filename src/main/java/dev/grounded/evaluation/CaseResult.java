package dev.grounded.evaluation;

import java.util.List;
import java.util.Map;

/**
 * How the bot handled one case.
 *
 * @param retrieved the distinct titles the search ranked, in order (documents and quick replies), for the retrieval
 *     metrics
 * @param stageMs milliseconds per stage of the reply (retrieval, generation, total, ...)
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
        long latencyMs) {

    /** The bot answered (generated, quick reply or quoted). */
    public boolean answered() {
        return outcome.equals("answered") || outcome.equals("quick_reply") || outcome.equals("extractive");
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
