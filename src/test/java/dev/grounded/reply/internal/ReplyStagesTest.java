package dev.grounded.reply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.Channel;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationState;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyProperties;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.LegReading;
import dev.grounded.retrieval.QuickReplyMatched;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.BusinessHours;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

/** The answer policy's stages, each alone, on turns made by hand. */
class ReplyStagesTest {

    private static final TenantId TENANT = TenantId.of("demo");
    /** A Monday, 10:00 UTC. */
    private static final Instant MONDAY_MORNING = Instant.parse("2026-12-07T10:00:00Z");

    private final ReplyProperties properties = new ReplyProperties(
            0.70,
            0.54,
            0.60,
            0.45,
            0.75,
            "en",
            "en",
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofHours(24),
            null);
    private static final ChatProviders NO_PROVIDERS = new ChatProviders(List.of());
    private static final LegReading BGE = LegReading.bgeSmallEnglish("bge-small-en");

    private final ReplyMessages messages = new ReplyMessages();
    private final List<Object> published = new ArrayList<>();

    @Test
    void aQuickReplyInTheCustomersLanguageAnswersAndItsHitIsCounted() {
        var stage = new AnswerFromQuickReply(properties, published::add);
        Turn turn = turn(AssistantSettings.defaults(), "es", List.of(), ConversationState.BOT, Channel.WHATSAPP);
        UUID id = UUID.randomUUID();
        turn.retrieved(List.of(quickReply(id, "en", 0.90), quickReply(id, "es", 0.80), passage(0.70)), 0.54);

        Reply reply = stage.reply(turn).orElseThrow();

        assertThat(reply.outcome()).isEqualTo(Reply.Outcome.QUICK_REPLY);
        assertThat(reply.answer()).isEqualTo("answer in es");
        assertThat(reply.provider()).isEqualTo("quick-reply");
        assertThat(published).containsExactly(new QuickReplyMatched(TENANT, id));
    }

    @Test
    void aPassageThatMatchesClearlyBetterThanTheQuickReplyWins() {
        var stage = new AnswerFromQuickReply(properties, published::add);
        Turn turn = turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.BOT, Channel.EVALUATION);
        turn.retrieved(List.of(passage(0.80), quickReply(UUID.randomUUID(), "en", 0.74)), 0.54);

        assertThat(stage.reply(turn)).isEmpty();

        turn.retrieved(List.of(passage(0.78), quickReply(UUID.randomUUID(), "en", 0.74)), 0.54);
        assertThat(stage.reply(turn)).as("within the margin").isPresent();
        assertThat(published).as("an evaluation run counts no hit").isEmpty();
    }

    @Test
    void aQuestionNoLegCouldSearchTheKnowledgeInIsToldSoInItsLanguage() {
        var stage = new AdmitNotCovered(messages, new HandOver(messages, clock()), NO_PROVIDERS, BGE);
        Turn hindi = turn(AssistantSettings.defaults(), "hi", List.of(), ConversationState.BOT, Channel.API);
        hindi.retrieved(List.of(passage(0.40), passage(0.38)), 0.54);
        Turn english = turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.BOT, Channel.API);
        english.retrieved(List.of(passage(0.40)), 0.54);

        Reply told = stage.reply(hindi).orElseThrow();

        assertThat(told.outcome()).isEqualTo(Reply.Outcome.NOT_COVERED);
        assertThat(told.answer())
                .isEqualTo(messages.get("not-covered.language", "hi", "अंग्रेज़ी"))
                .contains("अंग्रेज़ी");
        assertThat(stage.reply(english).orElseThrow().answer()).isEqualTo(messages.get("not-covered", "en"));
    }

    @Test
    void aQuickReplyThatDoesNotHoldTheQuestionIsNotGiven() {
        var stage = new AnswerFromQuickReply(properties, published::add);
        Turn turn = turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.BOT, Channel.API);
        RetrievedChunk neighbour = quickReply(UUID.randomUUID(), "en", 0.72).withCoverage(0.3);
        turn.retrieved(List.of(neighbour), 0.54);

        assertThat(stage.reply(turn)).isEmpty();

        Turn paraphrased = turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.BOT, Channel.API);
        paraphrased.retrieved(List.of(quickReply(UUID.randomUUID(), "en", 0.80).withCoverage(0.3)), 0.54);
        assertThat(stage.reply(paraphrased))
                .as("close enough to be a paraphrase")
                .isPresent();
    }

    @Test
    void notCoveredTwiceInARowHandsOverWhileAParkedQuestionIsOnlyNotCovered() {
        var stage = new AdmitNotCovered(messages, new HandOver(messages, clock()), NO_PROVIDERS, BGE);
        List<ConversationMessage> once = List.of(
                message(ConversationMessage.Role.CUSTOMER, null), message(ConversationMessage.Role.BOT, "not_covered"));
        Turn first = turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.BOT, Channel.API);
        first.retrieved(List.of(passage(0.40)), 0.54);
        Turn second = turn(AssistantSettings.defaults(), "en", once, ConversationState.BOT, Channel.API);
        second.retrieved(List.of(passage(0.40)), 0.54);
        Turn parked = Turn.parked(
                TENANT,
                AssistantSettings.defaults(),
                "en",
                "?",
                once,
                conversation(ConversationState.BOT, Channel.API));
        parked.retrieved(List.of(passage(0.40)), 0.54);

        assertThat(stage.reply(first).orElseThrow().outcome()).isEqualTo(Reply.Outcome.NOT_COVERED);
        Reply handedOver = stage.reply(second).orElseThrow();
        assertThat(handedOver.outcome()).isEqualTo(Reply.Outcome.HANDOFF);
        assertThat(handedOver.handoff().reason()).isEqualTo(HandoffReason.MISSING_KNOWLEDGE);
        assertThat(stage.reply(parked).orElseThrow().outcome()).isEqualTo(Reply.Outcome.NOT_COVERED);

        Turn covered = turn(AssistantSettings.defaults(), "en", once, ConversationState.BOT, Channel.API);
        covered.retrieved(List.of(passage(0.60)), 0.54);
        assertThat(stage.reply(covered)).as("a passage above the line").isEmpty();
    }

    @Test
    void outsideBusinessHoursAHandoffSaysWhenSomeoneWillAnswer() {
        var hours = new BusinessHours(
                "UTC",
                List.of(new BusinessHours.Period(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                List.of(),
                "");
        AssistantSettings defaults = AssistantSettings.defaults();
        var settings = new AssistantSettings(
                defaults.persona(),
                defaults.businessProfile(),
                defaults.systemPrompt(),
                defaults.temperature(),
                defaults.strictness(),
                defaults.quickReplyThreshold(),
                defaults.retrieval(),
                defaults.providers(),
                defaults.handoff(),
                hours,
                defaults.languages());
        var handOver = new HandOver(messages, clock());

        Reply reply = handOver.reply(
                turn(settings, "en", List.of(), ConversationState.BOT, Channel.API),
                HandoffReason.CUSTOMER_REQUEST,
                "asked for a person");

        assertThat(reply.handoff().reason()).isEqualTo(HandoffReason.AFTER_HOURS_CALLBACK);
        assertThat(reply.handoff().detail()).isEqualTo("customer_request: asked for a person");
        assertThat(reply.handoff().callbackAt().toInstant()).isEqualTo(Instant.parse("2026-12-08T09:00:00Z"));
        assertThat(handOver.reply(
                                turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.BOT, Channel.API),
                                HandoffReason.CUSTOMER_REQUEST,
                                "asked for a person")
                        .handoff()
                        .reason())
                .as("always open")
                .isEqualTo(HandoffReason.CUSTOMER_REQUEST);
    }

    @Test
    void theBotIsSilentOnlyWhileAnAgentOwnsTheConversation() {
        var stage = new StaySilentWhileAgentOwns();

        Reply silent = stage.reply(
                        turn(AssistantSettings.defaults(), "en", List.of(), ConversationState.WITH_AGENT, Channel.API))
                .orElseThrow();

        assertThat(silent.silent()).isTrue();
        assertThat(silent.handoff().detail()).contains("ana");
        assertThat(stage.reply(turn(
                        AssistantSettings.defaults(), "en", List.of(), ConversationState.NEEDS_HUMAN, Channel.API)))
                .isEmpty();
    }

    private static Clock clock() {
        return Clock.fixed(MONDAY_MORNING, ZoneOffset.UTC);
    }

    private static Turn turn(
            AssistantSettings settings,
            String language,
            List<ConversationMessage> history,
            ConversationState state,
            Channel channel) {
        return Turn.live(TENANT, settings, language, "a question", history, conversation(state, channel));
    }

    private static Conversation conversation(ConversationState state, Channel channel) {
        return new Conversation(
                new ConversationId(UUID.randomUUID()),
                TENANT,
                channel,
                null,
                state,
                null,
                state == ConversationState.WITH_AGENT ? "ana" : null,
                MONDAY_MORNING,
                MONDAY_MORNING);
    }

    private static ConversationMessage message(ConversationMessage.Role role, String outcome) {
        return new ConversationMessage(
                UUID.randomUUID(),
                role,
                "text",
                "en",
                outcome,
                null,
                false,
                null,
                null,
                null,
                null,
                MONDAY_MORNING,
                null,
                null,
                null);
    }

    private static RetrievedChunk passage(double confidence) {
        return hit(
                Map.of(
                        ChunkMetadata.KIND,
                        "passage",
                        ChunkMetadata.SOURCE_ID,
                        "doc",
                        ChunkMetadata.TITLE,
                        "Guide",
                        ChunkMetadata.LANGUAGE,
                        "en"),
                confidence);
    }

    private static RetrievedChunk quickReply(UUID id, String language, double confidence) {
        return hit(
                Map.of(
                        ChunkMetadata.KIND,
                        ChunkMetadata.KIND_QUICK_REPLY,
                        ChunkMetadata.SOURCE_ID,
                        "qr:" + id,
                        ChunkMetadata.TITLE,
                        "Opening hours",
                        ChunkMetadata.QUICK_REPLY_ID,
                        id.toString(),
                        ChunkMetadata.LANGUAGE,
                        language,
                        ChunkMetadata.ANSWER,
                        "answer in " + language),
                confidence);
    }

    private static RetrievedChunk hit(Map<String, Object> metadata, double confidence) {
        return new RetrievedChunk(
                Document.builder().text("text").metadata(metadata).build(),
                confidence,
                1,
                1.0,
                1,
                confidence,
                true,
                1.0);
    }
}
