package dev.grounded.reply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.llm.Attempt;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The bot's answer to one customer message.
 *
 * @param outcome what kind of answer this is, so clients and the evaluation harness need not read the text
 * @param provider who produced the answer: a chat provider's name, {@code quick-reply}, {@code extractive} or
 *     {@code none}
 * @param degraded true when no chat provider could answer and the reply came from the knowledge alone (or is a
 *     holding message)
 * @param answer what to send the customer; null when the bot stays silent because an agent owns the conversation
 * @param conversationId the conversation the message belongs to, to pass back with a follow-up (a new one starts
 *     when the last was idle longer than the session timeout)
 * @param messageId the bot's message as stored in the conversation, whose delivery a channel reports; null before it
 *     is stored and when the bot stays silent
 */
public record Reply(
        Outcome outcome,
        String answer,
        String language,
        List<Source> sources,
        QuickReplyHit quickReply,
        String provider,
        boolean degraded,
        Handoff handoff,
        String conversationId,
        long latencyMs,
        Trace trace,
        UUID messageId) {

    /** What every reply carries about how it was made: its conversation, how long it took, and its trace. */
    public record Made(String conversationId, long latencyMs, Trace trace) {}

    /** The bot stays silent: an agent owns the conversation. */
    public static Reply silent(String language, Handoff handoff, Made made) {
        return of(Outcome.HANDOFF, null, language, List.of(), null, "none", false, handoff, made);
    }

    /** The conversation goes to a person, and the customer is told so. */
    public static Reply handoff(String text, String language, Handoff handoff, Made made) {
        return of(Outcome.HANDOFF, text, language, List.of(), null, "none", false, handoff, made);
    }

    /** No provider answered and the knowledge alone is not clear enough: a holding message, and a person. */
    public static Reply holding(String text, String language, List<Source> sources, Handoff handoff, Made made) {
        return of(Outcome.HANDOFF, text, language, sources, null, "none", true, handoff, made);
    }

    /** The business's own answer to the question, with no LLM call. */
    public static Reply quickReply(String text, String language, Source source, QuickReplyHit hit, Made made) {
        return of(
                Outcome.QUICK_REPLY, text, language, List.of(source), hit, "quick-reply", false, Handoff.none(), made);
    }

    /** An answer a chat provider generated from the passages. */
    public static Reply answered(String text, String language, List<Source> sources, String provider, Made made) {
        return of(Outcome.ANSWERED, text, language, sources, null, provider, false, Handoff.none(), made);
    }

    /** With no provider answering, the best passage quoted. */
    public static Reply extractive(String text, String language, Source source, Made made) {
        return of(Outcome.EXTRACTIVE, text, language, List.of(source), null, "extractive", true, Handoff.none(), made);
    }

    /** The knowledge does not cover the question, and the bot says so. */
    public static Reply notCovered(String text, String language, Made made) {
        return of(Outcome.NOT_COVERED, text, language, List.of(), null, "none", false, Handoff.none(), made);
    }

    /** A greeting or a thank-you, answered in kind. */
    public static Reply smallTalk(String text, String language, Made made) {
        return of(Outcome.SMALL_TALK, text, language, List.of(), null, "small-talk", false, Handoff.none(), made);
    }

    private static Reply of(
            Outcome outcome,
            String answer,
            String language,
            List<Source> sources,
            QuickReplyHit quickReply,
            String provider,
            boolean degraded,
            Handoff handoff,
            Made made) {
        return new Reply(
                outcome,
                answer,
                language,
                sources,
                quickReply,
                provider,
                degraded,
                handoff,
                made.conversationId(),
                made.latencyMs(),
                made.trace(),
                null);
    }

    /** Whether the bot says nothing (an agent owns the conversation): such a reply is not stored. */
    @JsonIgnore
    public boolean silent() {
        return answer == null;
    }

    /** This reply as stored: its message in the conversation. */
    public Reply withMessageId(UUID id) {
        return new Reply(
                outcome,
                answer,
                language,
                sources,
                quickReply,
                provider,
                degraded,
                handoff,
                conversationId,
                latencyMs,
                trace,
                id);
    }

    public enum Outcome {
        QUICK_REPLY,
        ANSWERED,
        EXTRACTIVE,
        NOT_COVERED,
        HANDOFF,
        /** A greeting or a thank-you answered in kind, with no search and no model. */
        SMALL_TALK;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where an answer came from; {@code documentId} is a document id, or {@code qr:<id>} for a quick reply.
     *
     * @param text the whole passage the answer was given, for checking the answer against it (not sent to clients)
     */
    public record Source(
            String documentId,
            String title,
            String snippet,
            double score,
            @JsonIgnore String text) {}

    public record QuickReplyHit(String id, String label, double score) {}

    /**
     * Whether the conversation should go to a person, and why.
     *
     * @param detail what triggered it, such as the phrase that matched
     * @param callbackAt outside business hours: when the business opens and someone will answer
     */
    public record Handoff(boolean required, HandoffReason reason, String detail, OffsetDateTime callbackAt) {

        public static Handoff none() {
            return new Handoff(false, null, null, null);
        }

        public static Handoff of(HandoffReason reason, String detail) {
            return new Handoff(true, reason, detail, null);
        }
    }

    /**
     * How the reply came about, stored with it: every retrieved chunk with both legs' ranks and scores, the
     * provider attempts in order (a follow-up's rewrite first), and milliseconds per stage.
     *
     * @param rewrittenQuery what was searched for instead of the message, when a follow-up was made standalone
     */
    public record Trace(
            String query,
            String rewrittenQuery,
            List<TracedChunk> retrieved,
            double threshold,
            List<Attempt> attempts,
            Map<String, Long> stageMs) {}

    /**
     * @param coverage how much of the question the chunk holds ({@code RetrievedChunk#coverage})
     * @param confidence what the chunk's use was decided on: the dense similarity where the model reads the languages,
     *     otherwise the coverage on its scale
     */
    public record TracedChunk(
            String sourceId,
            String title,
            String kind,
            double fusedScore,
            Integer keywordRank,
            Double keywordScore,
            Integer denseRank,
            Double denseScore,
            Double coverage,
            Double confidence) {}
}
