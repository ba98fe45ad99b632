package dev.grounded.reply;

import dev.grounded.conversation.BotMessage;
import dev.grounded.conversation.Channel;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationProperties;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.handoff.HandoffTrigger;
import dev.grounded.handoff.HandoffTriggers;
import dev.grounded.llm.Attempt;
import dev.grounded.llm.ChatFailover;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.ChatResult;
import dev.grounded.llm.ProviderPreference;
import dev.grounded.reply.Reply.Handoff;
import dev.grounded.reply.Reply.Outcome;
import dev.grounded.reply.Reply.QuickReplyHit;
import dev.grounded.reply.Reply.Source;
import dev.grounded.reply.Reply.Trace;
import dev.grounded.reply.Reply.TracedChunk;
import dev.grounded.reply.internal.ExtractiveAnswer;
import dev.grounded.reply.internal.GroundedPrompt;
import dev.grounded.reply.internal.ParkedQuestions;
import dev.grounded.reply.internal.PromptLeakGuard;
import dev.grounded.reply.internal.QueryRewrites;
import dev.grounded.reply.internal.ReplyMessages;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.HybridSearch;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.retrieval.QuickReplyMatched;
import dev.grounded.retrieval.ReciprocalRankFusion;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.BusinessHours;
import dev.grounded.tenant.Tenant;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.TenantSettingsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a customer's message from the tenant's knowledge only, or says honestly that it cannot, or hands the
 * conversation to a person. The policy, in order: silence while an agent owns the conversation; a handoff trigger; a
 * quick reply; "not covered" when retrieval is not confident (a second time in a row, a person); an answer generated
 * through the provider chain; and when no provider answers, the knowledge alone (an extractive answer when confident,
 * otherwise a holding message, a person, and the question parked until a provider is back). Every reply is stored
 * in its conversation with its trace.
 */
@Service
public class ReplyService {

    private static final Logger log = LoggerFactory.getLogger(ReplyService.class);
    private static final int SNIPPET_LENGTH = 240;
    /** Candidates retrieved beyond the passages given to the answer, so a quick reply is found among them too. */
    private static final int QUICK_REPLY_CANDIDATES = 10;
    /** How much better a document passage must match than a quick reply for the passage to be answered from. */
    private static final double QUICK_REPLY_MARGIN = 0.05;
    /** The least an answer is given to generate, even when a slow rewrite used up most of the budget. */
    private static final Duration MIN_BUDGET = Duration.ofSeconds(1);

    private final HybridSearch search;
    private final LanguageDetector languages;
    private final ChatProviders providers;
    private final ChatFailover chat;
    private final TenantService tenants;
    private final TenantSettingsService settingsService;
    private final HandoffTriggers triggers;
    private final ConversationService conversations;
    private final ParkedQuestions parked;
    private final GroundedPrompt prompt;
    private final QueryRewrites rewrites;
    private final ReplyMessages messages;
    private final ApplicationEventPublisher events;
    private final ReplyProperties properties;
    private final ConversationProperties conversationProperties;
    private final RetrievalProperties retrieval;
    private final JsonMapper json;
    private final Clock clock;

    ReplyService(
            HybridSearch search,
            LanguageDetector languages,
            ChatProviders providers,
            ChatFailover chat,
            TenantService tenants,
            TenantSettingsService settingsService,
            HandoffTriggers triggers,
            ConversationService conversations,
            ParkedQuestions parked,
            GroundedPrompt prompt,
            QueryRewrites rewrites,
            ReplyMessages messages,
            ApplicationEventPublisher events,
            ReplyProperties properties,
            ConversationProperties conversationProperties,
            RetrievalProperties retrieval,
            JsonMapper json,
            Clock clock) {
        this.search = search;
        this.languages = languages;
        this.providers = providers;
        this.chat = chat;
        this.tenants = tenants;
        this.settingsService = settingsService;
        this.triggers = triggers;
        this.conversations = conversations;
        this.parked = parked;
        this.prompt = prompt;
        this.rewrites = rewrites;
        this.messages = messages;
        this.events = events;
        this.properties = properties;
        this.conversationProperties = conversationProperties;
        this.retrieval = retrieval;
        this.json = json;
        this.clock = clock;
    }

    /** Whether a reply is given as the customer waits, or later for a question parked when no provider answered. */
    private enum Mode {
        LIVE,
        PARKED
    }

    public Reply ask(TenantId tenantId, Question question) {
        if (question.text() == null || question.text().isBlank()) {
            throw new IllegalArgumentException("The question is empty");
        }
        Run run = new Run(question.text());

        // 1. The customer's language, the tenant's settings, and the conversation with what came before.
        AssistantSettings settings = settingsService.get(tenantId);
        String language = settings.languages()
                .answerIn(languages.detect(
                        question.text(),
                        question.language() != null ? question.language() : properties.defaultLanguage()));
        ConversationService.Received received = conversations.receive(
                tenantId,
                question.conversationId(),
                question.from(),
                question.channel(),
                question.text(),
                language,
                conversationProperties.historyMessages());
        Conversation conversation = received.conversation();
        List<ConversationMessage> history = received.history();
        ConversationMessage asked = received.message();
        run.conversation(conversation);
        run.lap("prepare");

        // 2. While an agent owns the conversation, the bot stays silent.
        if (conversation.state() == ConversationState.WITH_AGENT) {
            Reply silent = run.reply(
                    Outcome.HANDOFF,
                    null,
                    language,
                    List.of(),
                    null,
                    "none",
                    false,
                    new Handoff(
                            true,
                            conversation.handoffReason() != null
                                    ? conversation.handoffReason()
                                    : HandoffReason.CUSTOMER_REQUEST,
                            "an agent (" + conversation.agent() + ") owns this conversation",
                            null));
            events.publishEvent(new ReplyGiven(tenantId, silent));
            return silent;
        }

        Reply answer = answer(run, tenantId, settings, language, question.text(), history, Mode.LIVE)
                .orElseThrow();

        // 11. Store the reply with its trace; a question no provider could answer waits for one.
        Reply reply = answer.withMessageId(conversations
                .recordBot(tenantId, conversation.id(), stored(answer))
                .id());
        events.publishEvent(new ReplyGiven(tenantId, reply));
        if (run.parkable && conversation.channel().hasCustomer()) {
            Instant now = clock.instant();
            parked.park(
                    tenantId, conversation.id(), asked.id(), question.text(), now, now.plus(properties.parkedRetry()));
        }
        return reply;
    }

    /**
     * Tries again a question no provider could answer: cancelled when an agent answered it or took the conversation
     * meanwhile, answered when a provider is back, else retried later with a longer wait, until it has waited too long.
     */
    void answerParked(ParkedQuestions.Claimed question) {
        Instant now = clock.instant();
        TenantId tenantId = question.tenant();
        Optional<Conversation> conversation = conversations.find(tenantId, question.conversation());
        if (conversation.isEmpty()
                || conversation.get().state() == ConversationState.WITH_AGENT
                || conversation.get().state() == ConversationState.CLOSED
                || conversations.agentRepliedAfter(tenantId, question.conversation(), question.messageId())) {
            parked.cancelled(question, "answered by an agent or closed", now);
            return;
        }
        if (question.parkedAt().plus(properties.parkedMaxWait()).isBefore(now)) {
            parked.expired(question, "no provider answered within " + properties.parkedMaxWait(), now);
            return;
        }
        List<ConversationMessage> recent =
                conversations.recent(tenantId, question.conversation(), conversationProperties.historyMessages() + 10);
        int asked = indexOf(recent, question.messageId());
        List<ConversationMessage> history = asked < 0
                ? List.of()
                : recent.subList(Math.max(0, asked - conversationProperties.historyMessages()), asked);
        AssistantSettings settings = settingsService.get(tenantId);
        String language =
                settings.languages().answerIn(languages.detect(question.question(), properties.defaultLanguage()));
        Run run = new Run(question.question());
        run.conversation(conversation.get());
        Optional<Reply> reply = answer(run, tenantId, settings, language, question.question(), history, Mode.PARKED);
        if (reply.isEmpty()) {
            long wait = Math.min(properties.parkedRetry().toMillis() << Math.min(question.attempt(), 16), 600_000);
            parked.retryAt(question, "no chat provider answered", now, now.plusMillis(wait));
            return;
        }
        Reply answered = reply.get()
                .withMessageId(conversations
                        .recordBot(tenantId, question.conversation(), stored(reply.get()))
                        .id());
        parked.answered(question, now);
        if (reply.get().outcome() != Outcome.NOT_COVERED) {
            conversations.resolveHandoff(tenantId, question.conversation(), HandoffReason.PROVIDER_FAILURE);
        }
        log.info("Answered a parked question in conversation {} of {}", question.conversation(), tenantId);
        events.publishEvent(new ReplyGiven(tenantId, answered));
        events.publishEvent(new ParkedQuestionAnswered(tenantId, question.conversation(), answered));
    }

    /** The answer policy; empty only for a parked question that still no provider can answer. */
    private Optional<Reply> answer(
            Run run,
            TenantId tenantId,
            AssistantSettings settings,
            String language,
            String question,
            List<ConversationMessage> history,
            Mode mode) {
        // 3. A reason to go to a person wins over any answer.
        if (mode == Mode.LIVE) {
            Optional<HandoffTrigger> trigger = triggers.detect(question, settings.handoff());
            if (trigger.isPresent()) {
                return Optional.of(handOff(
                        run,
                        settings,
                        language,
                        trigger.get().reason(),
                        "matched \"" + trigger.get().phrase() + "\""));
            }
        }

        // 4. A follow-up becomes a standalone query, when a chat provider can rewrite it.
        ProviderPreference preference = new ProviderPreference(
                settings.providers().order(), settings.providers().pinned());
        String query = question;
        if (!history.isEmpty() && !providers.isEmpty()) {
            QueryRewrites.Rewritten rewritten = rewrites.standalone(
                    question, QueryRewrites.history(history), chat.asChatModel(preference, rewriteBudget()));
            run.attempts(rewritten.attempts());
            if (rewritten.text() != null && !rewritten.text().equals(question)) {
                query = rewritten.text();
                run.rewritten(query);
            }
            run.lap("rewrite");
        }

        // 5. Retrieve with the tenant's fusion weights. A follow-up nobody rewrote that finds nothing on its own is
        // tried once more together with the customer's previous message, which usually names its subject.
        double threshold = threshold(settings);
        int topK = settings.retrieval().topK();
        List<RetrievedChunk> hits = retrieve(tenantId, settings, query, topK);
        Optional<String> previous = lastCustomerMessage(history);
        if (run.rewrittenQuery == null && previous.isPresent() && !confident(hits, threshold)) {
            String combined = previous.get() + "\n" + question;
            List<RetrievedChunk> withContext = retrieve(tenantId, settings, combined, topK);
            if (confident(withContext, threshold)) {
                hits = withContext;
                query = combined;
                run.rewritten(combined);
            }
        }
        run.lap("retrieval");

        // 6. Still nothing, in a language the knowledge is not written in: search again in the knowledge's language.
        if (!confident(hits, threshold) && !language.equals(properties.knowledgeLanguage()) && !providers.isEmpty()) {
            QueryRewrites.Rewritten translated = rewrites.translate(
                    query,
                    GroundedPrompt.languageName(properties.knowledgeLanguage()),
                    chat.asChatModel(preference, rewriteBudget()));
            run.attempts(translated.attempts());
            if (translated.text() != null) {
                List<RetrievedChunk> inKnowledgeLanguage = retrieve(tenantId, settings, translated.text(), topK);
                if (confident(inKnowledgeLanguage, threshold)) {
                    hits = inKnowledgeLanguage;
                    query = translated.text();
                    run.rewritten(query);
                }
            }
            run.lap("translation");
        }
        run.retrieved(hits, threshold);

        // 7. Quick replies first: a close match in the customer's language is the answer, with no LLM call.
        Optional<RetrievedChunk> quickReply = quickReply(hits, settings, language);
        if (quickReply.isPresent()) {
            RetrievedChunk hit = quickReply.get();
            String id = ChunkMetadata.string(hit.chunk(), ChunkMetadata.QUICK_REPLY_ID);
            if (run.channel.hasCustomer()) {
                events.publishEvent(new QuickReplyMatched(tenantId, UUID.fromString(id)));
            }
            return Optional.of(run.reply(
                    Outcome.QUICK_REPLY,
                    ChunkMetadata.string(hit.chunk(), ChunkMetadata.ANSWER),
                    language,
                    List.of(source(hit)),
                    new QuickReplyHit(id, hit.title(), hit.confidence()),
                    "quick-reply",
                    false,
                    Handoff.none()));
        }

        // 8. Nothing relevant enough: say so and offer a person; the second time in a row, hand over.
        List<RetrievedChunk> relevant = hits.stream()
                .filter(h -> h.confidence() >= threshold)
                .limit(topK)
                .toList();
        if (relevant.isEmpty()) {
            return Optional.of(notCovered(run, settings, language, history, mode));
        }

        // 9. Generate through the provider chain, within what is left of the time budget.
        List<Source> sources = relevant.stream().map(ReplyService::source).toList();
        if (!providers.isEmpty()) {
            String business = tenants.find(tenantId).map(Tenant::name).orElse(tenantId.value());
            GroundedPrompt.Built built = prompt.build(business, settings, language, question, turns(history), relevant);
            Duration left = chat.budget().minus(run.elapsed());
            ChatResult result =
                    chat.call(built.prompt(), preference, left.compareTo(MIN_BUDGET) > 0 ? left : MIN_BUDGET);
            run.attempts(result.attempts());
            run.lap("generation");
            if (result.answered()) {
                if (PromptLeakGuard.leaks(result.text(), built.rules(), built.canary())) {
                    log.warn("Withheld an answer of {} that repeated the system prompt", result.provider());
                } else if (result.text().contains(GroundedPrompt.NOT_COVERED)) {
                    return Optional.of(notCovered(run, settings, language, history, mode));
                } else {
                    return Optional.of(run.reply(
                            Outcome.ANSWERED,
                            result.text(),
                            language,
                            sources,
                            null,
                            result.provider(),
                            false,
                            Handoff.none()));
                }
            }
        }

        // 10. No provider answered: the knowledge alone, when it is clearly on point; otherwise a person, and the
        // question waits for a provider.
        RetrievedChunk best = relevant.getFirst();
        if (best.confidence() >= properties.extractiveConfidence()) {
            return Optional.of(run.reply(
                    Outcome.EXTRACTIVE,
                    extract(query, best),
                    language,
                    List.of(source(best)),
                    null,
                    "extractive",
                    true,
                    Handoff.none()));
        }
        if (mode == Mode.PARKED) {
            return Optional.empty();
        }
        run.parkable = !providers.isEmpty();
        Reply holding = handOff(run, settings, language, HandoffReason.PROVIDER_FAILURE, "no chat provider answered");
        return Optional.of(new Reply(
                holding.outcome(),
                holding.handoff().callbackAt() == null ? messages.get("holding", language) : holding.answer(),
                language,
                sources,
                null,
                "none",
                true,
                holding.handoff(),
                holding.conversationId(),
                holding.latencyMs(),
                holding.trace(),
                null));
    }

    /**
     * What retrieval hands the answer for {@code query} with the tenant's settings: the fused hits, best first, and
     * the confidence a hit needs to be used. (No language handling, rewriting or conversation: the query as typed.)
     */
    public RetrievalTest testRetrieval(TenantId tenantId, String query) {
        AssistantSettings settings = settingsService.get(tenantId);
        return new RetrievalTest(
                retrieve(tenantId, settings, query, settings.retrieval().topK()), threshold(settings));
    }

    /** What a query rewrite may take of the time budget; the answer gets the rest. */
    private Duration rewriteBudget() {
        return properties.rewriteBudget().compareTo(chat.budget()) < 0
                ? properties.rewriteBudget()
                : chat.budget().dividedBy(4);
    }

    private List<RetrievedChunk> retrieve(TenantId tenantId, AssistantSettings settings, String query, int topK) {
        var fusion = new ReciprocalRankFusion.Weights(
                orDefault(settings.retrieval().keywordWeight(), retrieval.keywordWeight()),
                orDefault(settings.retrieval().denseWeight(), retrieval.denseWeight()),
                retrieval.rrfK());
        return search.search(tenantId, query, topK + QUICK_REPLY_CANDIDATES, fusion);
    }

    private static boolean confident(List<RetrievedChunk> hits, double threshold) {
        return hits.stream().anyMatch(h -> h.confidence() >= threshold);
    }

    private static Optional<String> lastCustomerMessage(List<ConversationMessage> history) {
        return history.reversed().stream()
                .filter(m -> m.role() == ConversationMessage.Role.CUSTOMER && m.text() != null)
                .map(ConversationMessage::text)
                .findFirst();
    }

    /** The earlier messages for the prompt, each with who wrote it. */
    private static List<String> turns(List<ConversationMessage> history) {
        return history.stream()
                .filter(m -> m.text() != null && !m.text().isBlank())
                .map(m -> switch (m.role()) {
                    case CUSTOMER -> "Customer: " + m.text();
                    case BOT -> "Assistant: " + m.text();
                    case AGENT -> "Agent: " + m.text();
                })
                .toList();
    }

    private static int indexOf(List<ConversationMessage> messages, UUID id) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private BotMessage stored(Reply reply) {
        return new BotMessage(
                reply.answer(),
                reply.language(),
                reply.outcome().code(),
                reply.provider(),
                reply.degraded(),
                reply.handoff().required() ? reply.handoff().reason() : null,
                reply.handoff().detail(),
                reply.latencyMs(),
                json.writeValueAsString(StoredTrace.of(reply)));
    }

    /**
     * What is kept of how a reply came about: the retrieved chunks with both legs' scores, the quick reply hit, every
     * provider attempt and who answered, the handoff decision with its reason, the sources, and ms per stage.
     */
    record StoredTrace(
            String query,
            String rewrittenQuery,
            double threshold,
            List<TracedChunk> retrieved,
            QuickReplyHit quickReply,
            List<Attempt> attempts,
            String provider,
            boolean degraded,
            Handoff handoff,
            List<Source> sources,
            Map<String, Long> stageMs) {

        static StoredTrace of(Reply reply) {
            Trace trace = reply.trace();
            return new StoredTrace(
                    trace.query(),
                    trace.rewrittenQuery(),
                    trace.threshold(),
                    trace.retrieved(),
                    reply.quickReply(),
                    trace.attempts(),
                    reply.provider(),
                    reply.degraded(),
                    reply.handoff(),
                    reply.sources(),
                    trace.stageMs());
        }
    }

    /** Not covered; when the bot's previous reply in this conversation was not covered either, a person takes over. */
    private Reply notCovered(
            Run run, AssistantSettings settings, String language, List<ConversationMessage> history, Mode mode) {
        boolean again = history.reversed().stream()
                .filter(m -> m.role() != ConversationMessage.Role.CUSTOMER)
                .findFirst()
                .map(m -> Outcome.NOT_COVERED.code().equals(m.outcome()))
                .orElse(false);
        if (again && mode == Mode.LIVE) {
            return handOff(
                    run,
                    settings,
                    language,
                    HandoffReason.MISSING_KNOWLEDGE,
                    "two questions in a row the knowledge does not cover");
        }
        return run.reply(
                Outcome.NOT_COVERED,
                messages.get("not-covered", language),
                language,
                List.of(),
                null,
                "none",
                false,
                Handoff.none());
    }

    /** Hands over; outside business hours the customer is told when someone will answer instead. */
    private Reply handOff(Run run, AssistantSettings settings, String language, HandoffReason reason, String detail) {
        BusinessHours hours = settings.hours();
        if (!hours.isOpen(clock.instant())) {
            Optional<ZonedDateTime> opening = hours.nextOpening(clock.instant());
            String when = opening.map(
                            o -> o.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                                    .withLocale(Locale.forLanguageTag(language))))
                    .orElse("");
            String text = hours.afterHoursMessage() != null
                            && !hours.afterHoursMessage().isBlank()
                    ? hours.afterHoursMessage()
                    : messages.get("handoff.after-hours", language, when);
            return run.reply(
                    Outcome.HANDOFF,
                    text,
                    language,
                    List.of(),
                    null,
                    "none",
                    false,
                    new Handoff(
                            true,
                            HandoffReason.AFTER_HOURS_CALLBACK,
                            reason.code() + ": " + detail,
                            opening.map(ZonedDateTime::toOffsetDateTime).orElse(null)));
        }
        return run.reply(
                Outcome.HANDOFF,
                messages.get(
                        reason == HandoffReason.MISSING_KNOWLEDGE ? "handoff.missing-knowledge" : "handoff.requested",
                        language),
                language,
                List.of(),
                null,
                "none",
                false,
                Handoff.of(reason, detail));
    }

    private static double orDefault(Double configured, double fallback) {
        return configured != null ? configured : fallback;
    }

    private double threshold(AssistantSettings settings) {
        Double configured = settings.retrieval().minConfidence();
        return configured != null
                ? configured
                : properties.minConfidence() + settings.strictness().offset();
    }

    /**
     * A quick reply above the threshold, in the customer's language, unless a document passage matches the question
     * clearly better: a business's canned answer to a neighbouring question is not the answer to this one.
     */
    private Optional<RetrievedChunk> quickReply(
            List<RetrievedChunk> hits, AssistantSettings settings, String language) {
        double threshold = settings.quickReplyThreshold() != null
                ? settings.quickReplyThreshold()
                : properties.quickReplyThreshold();
        double bestPassage = hits.stream()
                .filter(h -> !ChunkMetadata.KIND_QUICK_REPLY.equals(h.kind()))
                .mapToDouble(RetrievedChunk::confidence)
                .max()
                .orElse(0);
        return hits.stream()
                .filter(h -> ChunkMetadata.KIND_QUICK_REPLY.equals(h.kind()))
                .filter(h -> h.confidence() >= threshold)
                .filter(h -> h.confidence() + QUICK_REPLY_MARGIN >= bestPassage)
                .filter(h -> {
                    String written = ChunkMetadata.string(h.chunk(), ChunkMetadata.LANGUAGE);
                    return written == null || written.equals(language);
                })
                .findFirst();
    }

    /** A quick reply is a complete answer written by the business, so it is given whole; a passage is quoted in part. */
    private static String extract(String question, RetrievedChunk best) {
        if (ChunkMetadata.KIND_QUICK_REPLY.equals(best.kind())) {
            return ChunkMetadata.string(best.chunk(), ChunkMetadata.ANSWER);
        }
        return ExtractiveAnswer.from(question, best.chunk().getText());
    }

    private static Source source(RetrievedChunk hit) {
        String text = hit.chunk().getText();
        String snippet = text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "…";
        return new Source(hit.sourceId(), hit.title(), snippet, hit.confidence(), text);
    }

    /** One reply in the making: its stage timings and what it found, for the trace. */
    private static final class Run {
        private final long start = System.nanoTime();
        private final String question;
        private final Map<String, Long> stages = new LinkedHashMap<>();
        private final List<Attempt> attempts = new ArrayList<>();
        private long lap = start;
        private List<TracedChunk> retrieved = List.of();
        private double threshold;
        private String conversationId;
        private Channel channel = Channel.API;
        private String rewrittenQuery;
        /** No provider answered although some are configured: the question waits for one. */
        private boolean parkable;

        Run(String question) {
            this.question = question;
        }

        void conversation(Conversation conversation) {
            this.conversationId = conversation.id().toString();
            this.channel = conversation.channel();
        }

        void rewritten(String query) {
            this.rewrittenQuery = query;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        void lap(String stage) {
            long now = System.nanoTime();
            stages.merge(stage, (now - lap) / 1_000_000, Long::sum);
            lap = now;
        }

        void retrieved(List<RetrievedChunk> hits, double threshold) {
            this.threshold = threshold;
            this.retrieved = hits.stream()
                    .map(h -> new TracedChunk(
                            h.sourceId(),
                            h.title(),
                            h.kind(),
                            h.fusedScore(),
                            h.keywordRank(),
                            h.keywordScore(),
                            h.denseRank(),
                            h.denseScore()))
                    .toList();
        }

        void attempts(List<Attempt> made) {
            attempts.addAll(made);
        }

        Reply reply(
                Outcome outcome,
                String answer,
                String language,
                List<Source> sources,
                QuickReplyHit quickReply,
                String provider,
                boolean degraded,
                Handoff handoff) {
            long total = (System.nanoTime() - start) / 1_000_000;
            stages.put("total", total);
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
                    total,
                    new Trace(
                            question,
                            rewrittenQuery,
                            retrieved,
                            threshold,
                            List.copyOf(attempts),
                            Collections.unmodifiableMap(new LinkedHashMap<>(stages))),
                    null);
        }
    }
}
