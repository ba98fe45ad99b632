package dev.grounded.reply;

import dev.grounded.conversation.BotMessage;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationProperties;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.llm.Attempt;
import dev.grounded.reply.Reply.Handoff;
import dev.grounded.reply.Reply.Outcome;
import dev.grounded.reply.Reply.QuickReplyHit;
import dev.grounded.reply.Reply.Source;
import dev.grounded.reply.Reply.Trace;
import dev.grounded.reply.Reply.TracedChunk;
import dev.grounded.reply.internal.ParkedQuestions;
import dev.grounded.reply.internal.ReplyStage;
import dev.grounded.reply.internal.TenantSearch;
import dev.grounded.reply.internal.Turn;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantSettingsService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * conversation to a person. The message is stored in its conversation, then the answer policy runs as an ordered list
 * of {@link ReplyStage}s, each of which replies or passes the turn on: silence while an agent owns the conversation; a
 * handoff trigger; a follow-up rewritten; retrieval; a quick reply; "not covered" when retrieval is not confident (a
 * second time in a row, a person); an answer generated through the provider chain; and when no provider answers, the
 * knowledge alone (an extractive answer when confident, otherwise a holding message, a person, and the question parked
 * until a provider is back). Every reply is stored in its conversation with its trace.
 */
@Service
public class ReplyService {

    private static final Logger log = LoggerFactory.getLogger(ReplyService.class);

    private final List<ReplyStage> stages;
    private final LanguageDetector languages;
    private final TenantSettingsService settingsService;
    private final ConversationService conversations;
    private final ParkedQuestions parked;
    private final TenantSearch search;
    private final ApplicationEventPublisher events;
    private final ReplyProperties properties;
    private final ConversationProperties conversationProperties;
    private final JsonMapper json;
    private final Clock clock;

    private final Permissions permissions;

    ReplyService(
            List<ReplyStage> stages,
            LanguageDetector languages,
            TenantSettingsService settingsService,
            ConversationService conversations,
            ParkedQuestions parked,
            TenantSearch search,
            ApplicationEventPublisher events,
            ReplyProperties properties,
            ConversationProperties conversationProperties,
            JsonMapper json,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.stages = stages;
        this.languages = languages;
        this.settingsService = settingsService;
        this.conversations = conversations;
        this.parked = parked;
        this.search = search;
        this.events = events;
        this.properties = properties;
        this.conversationProperties = conversationProperties;
        this.json = json;
        this.clock = clock;
    }

    public Reply ask(TenantId tenantId, Question question) {
        permissions.require(tenantId, Permission.ASK);
        if (question.text() == null || question.text().isBlank()) {
            throw new IllegalArgumentException("The question is empty");
        }
        // The customer's language, the tenant's settings, and the conversation with what came before.
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
                question.attachment(),
                conversationProperties.historyMessages());
        Conversation conversation = received.conversation();
        Turn turn = Turn.live(tenantId, settings, language, question.text(), received.history(), conversation);
        turn.lap("prepare");

        Reply answer = answer(turn).orElseThrow();
        if (answer.silent()) {
            events.publishEvent(new ReplyGiven(tenantId, answer));
            return answer;
        }
        // Store the reply with its trace; a question no provider could answer waits for one.
        Reply reply = answer.withMessageId(conversations
                .recordBot(tenantId, conversation.id(), stored(answer))
                .id());
        events.publishEvent(new ReplyGiven(tenantId, reply));
        if (turn.parkable() && conversation.channel().hasCustomer()) {
            Instant now = clock.instant();
            parked.park(
                    tenantId,
                    conversation.id(),
                    received.message().id(),
                    question.text(),
                    now,
                    now.plus(properties.parkedRetry()));
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
        Optional<Reply> reply =
                answer(Turn.parked(tenantId, settings, language, question.question(), history, conversation.get()));
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

    /** Runs the stages until one replies; empty only for a parked question that still no provider can answer. */
    private Optional<Reply> answer(Turn turn) {
        for (ReplyStage stage : stages) {
            Optional<Reply> reply = stage.reply(turn);
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }

    /**
     * What retrieval hands the answer for {@code query} with the tenant's settings: the fused hits, best first, and
     * the confidence a hit needs to be used. (No language handling, rewriting or conversation: the query as typed.)
     */
    public RetrievalTest testRetrieval(TenantId tenantId, String query) {
        permissions.require(tenantId, Permission.READ);
        AssistantSettings settings = settingsService.get(tenantId);
        return new RetrievalTest(
                search.search(tenantId, settings, query, settings.retrieval().topK()), search.threshold(settings));
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
}
