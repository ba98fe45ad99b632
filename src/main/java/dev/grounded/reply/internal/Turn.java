package dev.grounded.reply.internal;

import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.llm.Attempt;
import dev.grounded.llm.ProviderPreference;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Source;
import dev.grounded.reply.Reply.TracedChunk;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer message being answered, as the reply stages pass it along: what was asked and where, the query they
 * searched for, what retrieval found, and the trace they leave (provider attempts, milliseconds per stage).
 */
public final class Turn {

    private static final int SNIPPET_LENGTH = 240;

    /** Whether the customer waits for the reply, or it comes later for a question parked when no provider answered. */
    public enum Mode {
        LIVE,
        PARKED
    }

    private final long start = System.nanoTime();
    private final Map<String, Long> stages = new LinkedHashMap<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final TenantId tenant;
    private final AssistantSettings settings;
    private final String language;
    private final String question;
    private final List<ConversationMessage> history;
    private final Mode mode;
    private final Conversation conversation;
    private long lap = start;
    private String query;
    private String rewrittenQuery;
    private List<RetrievedChunk> hits = List.of();
    private List<TracedChunk> traced = List.of();
    private double threshold;
    private boolean parkable;

    private Turn(
            TenantId tenant,
            AssistantSettings settings,
            String language,
            String question,
            List<ConversationMessage> history,
            Conversation conversation,
            Mode mode) {
        this.tenant = tenant;
        this.settings = settings;
        this.language = language;
        this.question = question;
        this.query = question;
        this.history = history;
        this.conversation = conversation;
        this.mode = mode;
    }

    /** A message the customer is waiting for a reply to, in {@code language}, after {@code history}. */
    public static Turn live(
            TenantId tenant,
            AssistantSettings settings,
            String language,
            String question,
            List<ConversationMessage> history,
            Conversation conversation) {
        return new Turn(tenant, settings, language, question, history, conversation, Mode.LIVE);
    }

    /** A question parked earlier, answered now that a provider may be back. */
    public static Turn parked(
            TenantId tenant,
            AssistantSettings settings,
            String language,
            String question,
            List<ConversationMessage> history,
            Conversation conversation) {
        return new Turn(tenant, settings, language, question, history, conversation, Mode.PARKED);
    }

    public TenantId tenant() {
        return tenant;
    }

    public AssistantSettings settings() {
        return settings;
    }

    public String language() {
        return language;
    }

    /** The message as the customer wrote it. */
    public String question() {
        return question;
    }

    /** What is searched for: the message, or what a stage made of it. */
    public String query() {
        return query;
    }

    /** The query a stage put in the message's place, or null. */
    public String rewrittenQuery() {
        return rewrittenQuery;
    }

    /** The conversation as it was when the message arrived. */
    public Conversation conversation() {
        return conversation;
    }

    public List<ConversationMessage> history() {
        return history;
    }

    public boolean live() {
        return mode == Mode.LIVE;
    }

    /** Whether a customer (not an evaluation run) is on the other end. */
    public boolean hasCustomer() {
        return conversation.channel().hasCustomer();
    }

    public ProviderPreference preference() {
        return new ProviderPreference(
                settings.providers().order(), settings.providers().pinned());
    }

    public int topK() {
        return settings.retrieval().topK();
    }

    /** The fused hits, best first, passages and quick replies alike. */
    public List<RetrievedChunk> hits() {
        return hits;
    }

    /** The confidence a passage needs to be used. */
    public double threshold() {
        return threshold;
    }

    /** The passages confident enough to answer from, best first, at most top-k. */
    public List<RetrievedChunk> relevant() {
        return hits.stream()
                .filter(h -> h.confidence() >= threshold)
                .limit(topK())
                .toList();
    }

    /** Searches for {@code rewritten} instead of the message from now on. */
    public void rewrite(String rewritten) {
        this.query = rewritten;
        this.rewrittenQuery = rewritten;
    }

    /** What retrieval settled on, recorded for the trace. */
    public void retrieved(List<RetrievedChunk> found, double confidence) {
        this.hits = found;
        this.threshold = confidence;
        this.traced = found.stream()
                .map(h -> new TracedChunk(
                        h.sourceId(),
                        h.title(),
                        h.kind(),
                        h.fusedScore(),
                        h.keywordRank(),
                        h.keywordScore(),
                        h.denseRank(),
                        h.denseScore(),
                        h.coverage(),
                        h.confidence()))
                .toList();
    }

    public void attempts(List<Attempt> made) {
        attempts.addAll(made);
    }

    /** Records the time since the last lap as {@code stage}'s. */
    public void lap(String stage) {
        long now = System.nanoTime();
        stages.merge(stage, (now - lap) / 1_000_000, Long::sum);
        lap = now;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** No provider answered although some are configured: the question is to wait for one. */
    public void park() {
        parkable = true;
    }

    public boolean parkable() {
        return parkable;
    }

    /** A passage or quick reply as a source of the reply. */
    public static Source source(RetrievedChunk hit) {
        String text = hit.chunk().getText();
        String snippet = text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "…";
        return new Source(hit.sourceId(), hit.title(), snippet, hit.confidence(), text);
    }

    /** The reply's conversation, total time and trace, as of now. */
    public Reply.Made made() {
        long total = (System.nanoTime() - start) / 1_000_000;
        stages.put("total", total);
        return new Reply.Made(
                conversation.id().toString(),
                total,
                new Reply.Trace(
                        question,
                        rewrittenQuery,
                        traced,
                        threshold,
                        List.copyOf(attempts),
                        Collections.unmodifiableMap(new LinkedHashMap<>(stages))));
    }
}
