package dev.grounded.reply;

import dev.grounded.handoff.HandoffReason;
import dev.grounded.handoff.HandoffTrigger;
import dev.grounded.handoff.HandoffTriggers;
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
import dev.grounded.reply.internal.PromptLeakGuard;
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

/**
 * Answers a customer's message from the tenant's knowledge only, or says honestly that it cannot, or hands the
 * conversation to a person. The policy, in order: a handoff trigger; a quick reply; "not covered" when retrieval is not
 * confident; an answer generated through the provider chain; and when no provider answers, the knowledge alone (an
 * extractive answer when confident, otherwise a holding message and a person).
 */
@Service
public class ReplyService {

    private static final Logger log = LoggerFactory.getLogger(ReplyService.class);
    private static final int SNIPPET_LENGTH = 240;
    /** Candidates retrieved beyond the passages given to the answer, so a quick reply is found among them too. */
    private static final int QUICK_REPLY_CANDIDATES = 10;

    private final HybridSearch search;
    private final LanguageDetector languages;
    private final ChatProviders providers;
    private final ChatFailover chat;
    private final TenantService tenants;
    private final TenantSettingsService settingsService;
    private final HandoffTriggers triggers;
    private final GroundedPrompt prompt;
    private final ReplyMessages messages;
    private final ApplicationEventPublisher events;
    private final ReplyProperties properties;
    private final RetrievalProperties retrieval;
    private final Clock clock;

    ReplyService(
            HybridSearch search,
            LanguageDetector languages,
            ChatProviders providers,
            ChatFailover chat,
            TenantService tenants,
            TenantSettingsService settingsService,
            HandoffTriggers triggers,
            GroundedPrompt prompt,
            ReplyMessages messages,
            ApplicationEventPublisher events,
            ReplyProperties properties,
            RetrievalProperties retrieval,
            Clock clock) {
        this.search = search;
        this.languages = languages;
        this.providers = providers;
        this.chat = chat;
        this.tenants = tenants;
        this.settingsService = settingsService;
        this.triggers = triggers;
        this.prompt = prompt;
        this.messages = messages;
        this.events = events;
        this.properties = properties;
        this.retrieval = retrieval;
        this.clock = clock;
    }

    public Reply ask(TenantId tenantId, Question question) {
        if (question.text() == null || question.text().isBlank()) {
            throw new IllegalArgumentException("The question is empty");
        }
        Run run = new Run(question);

        // 1. The customer's language and the tenant's settings.
        String language = languages.detect(question.text(), properties.defaultLanguage());
        AssistantSettings settings = settingsService.get(tenantId);
        run.lap("prepare");

        // 2. A reason to go to a person wins over any answer.
        Optional<HandoffTrigger> trigger = triggers.detect(question.text(), settings.handoff());
        if (trigger.isPresent()) {
            return handOff(
                    run,
                    settings,
                    language,
                    trigger.get().reason(),
                    "matched \"" + trigger.get().phrase() + "\"");
        }

        // 3. Retrieve with the tenant's fusion weights.
        var fusion = new ReciprocalRankFusion.Weights(
                orDefault(settings.retrieval().keywordWeight(), retrieval.keywordWeight()),
                orDefault(settings.retrieval().denseWeight(), retrieval.denseWeight()),
                retrieval.rrfK());
        int topK = settings.retrieval().topK();
        List<RetrievedChunk> hits = search.search(tenantId, question.text(), topK + QUICK_REPLY_CANDIDATES, fusion);
        run.retrieved(hits, threshold(settings));
        run.lap("retrieval");

        // 4. Quick replies first: a close match in the customer's language is the answer, with no LLM call.
        Optional<RetrievedChunk> quickReply = quickReply(hits, settings, language);
        if (quickReply.isPresent()) {
            RetrievedChunk hit = quickReply.get();
            String id = ChunkMetadata.string(hit.chunk(), ChunkMetadata.QUICK_REPLY_ID);
            events.publishEvent(new QuickReplyMatched(tenantId, UUID.fromString(id)));
            return run.reply(
                    Outcome.QUICK_REPLY,
                    ChunkMetadata.string(hit.chunk(), ChunkMetadata.ANSWER),
                    language,
                    List.of(source(hit)),
                    new QuickReplyHit(id, hit.title(), hit.confidence()),
                    "quick-reply",
                    false,
                    Handoff.none());
        }

        // 5. Nothing relevant enough: say so and offer a person.
        List<RetrievedChunk> relevant = hits.stream()
                .filter(h -> h.confidence() >= threshold(settings))
                .limit(topK)
                .toList();
        if (relevant.isEmpty()) {
            return notCovered(run, language);
        }

        // 6. Generate through the provider chain.
        List<Source> sources = relevant.stream().map(ReplyService::source).toList();
        if (!providers.isEmpty()) {
            String business = tenants.find(tenantId).map(Tenant::name).orElse(tenantId.value());
            GroundedPrompt.Built built =
                    prompt.build(business, settings, language, question.text(), List.of(), relevant);
            ChatResult result = chat.call(
                    built.prompt(),
                    new ProviderPreference(
                            settings.providers().order(), settings.providers().pinned()));
            run.attempts(result);
            run.lap("generation");
            if (result.answered()) {
                if (PromptLeakGuard.leaks(result.text(), built.rules(), built.canary())) {
                    log.warn("Withheld an answer of {} that repeated the system prompt", result.provider());
                } else if (result.text().contains(GroundedPrompt.NOT_COVERED)) {
                    return notCovered(run, language);
                } else {
                    return run.reply(
                            Outcome.ANSWERED,
                            result.text(),
                            language,
                            sources,
                            null,
                            result.provider(),
                            false,
                            Handoff.none());
                }
            }
        }

        // 7. No provider answered: the knowledge alone, when it is clearly on point; otherwise a person.
        RetrievedChunk best = relevant.getFirst();
        if (best.confidence() >= properties.extractiveConfidence()) {
            return run.reply(
                    Outcome.EXTRACTIVE,
                    extract(question.text(), best),
                    language,
                    List.of(source(best)),
                    null,
                    "extractive",
                    true,
                    Handoff.none());
        }
        Reply holding = handOff(run, settings, language, HandoffReason.PROVIDER_FAILURE, "no chat provider answered");
        return new Reply(
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
                holding.trace());
    }

    private Reply notCovered(Run run, String language) {
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
                messages.get("handoff.requested", language),
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

    private Optional<RetrievedChunk> quickReply(
            List<RetrievedChunk> hits, AssistantSettings settings, String language) {
        double threshold = settings.quickReplyThreshold() != null
                ? settings.quickReplyThreshold()
                : properties.quickReplyThreshold();
        return hits.stream()
                .filter(h -> ChunkMetadata.KIND_QUICK_REPLY.equals(h.kind()))
                .filter(h -> h.confidence() >= threshold)
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
        return new Source(hit.sourceId(), hit.title(), snippet, hit.confidence());
    }

    /** One reply in the making: its stage timings and what it found, for the trace. */
    private static final class Run {
        private final long start = System.nanoTime();
        private final Question question;
        private final Map<String, Long> stages = new LinkedHashMap<>();
        private long lap = start;
        private List<TracedChunk> retrieved = List.of();
        private double threshold;
        private final List<dev.grounded.llm.Attempt> attempts = new ArrayList<>();

        Run(Question question) {
            this.question = question;
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

        void attempts(ChatResult result) {
            attempts.addAll(result.attempts());
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
                    question.conversationId(),
                    total,
                    new Trace(
                            question.text(),
                            retrieved,
                            threshold,
                            List.copyOf(attempts),
                            Collections.unmodifiableMap(new LinkedHashMap<>(stages))));
        }
    }
}
