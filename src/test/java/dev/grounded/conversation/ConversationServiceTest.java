package dev.grounded.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.conversation.internal.ConversationStore;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.H2TestDatabase;
import dev.grounded.testing.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Conversations on the embedded profile's schema (H2, migrated by Flyway), with a clock the test moves. */
class ConversationServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final String PHONE = "+34 600 12 34 56";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final List<Object> events = new ArrayList<>();
    private JdbcClient jdbc;
    private ConversationService conversations;

    @BeforeEach
    void database() {
        var dataSource = H2TestDatabase.migrated();
        jdbc = JdbcClient.create(dataSource);
        for (TenantId tenant : List.of(ACME, GLOBEX)) {
            jdbc.sql("insert into tenant (id, name, created_at) values (:id, :id, :now)")
                    .param("id", tenant.value())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        }
        conversations = new ConversationService(
                new ConversationStore(jdbc),
                new CustomerIdentifiers(key()),
                events::add,
                new ConversationProperties(Duration.ofMinutes(30), 6, null),
                clock,
                // The test's own thread is the application's: nobody is signed in.
                new Permissions(null, null));
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        return key;
    }

    @Test
    void aCustomersMessagesStayInOneConversationUntilItIsIdleForThirtyMinutes() {
        Conversation first = conversations.open(ACME, null, PHONE, Channel.API);
        conversations.recordCustomer(ACME, first.id(), "How much is Fibre 1000?", "en");
        clock.advance(Duration.ofMinutes(29));

        Conversation again = conversations.open(ACME, null, "whatsapp:+34600123456", Channel.API);
        conversations.recordCustomer(ACME, again.id(), "And the installation?", "en");
        clock.advance(Duration.ofMinutes(31));
        Conversation later = conversations.open(ACME, null, PHONE, Channel.API);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(later.id()).isNotEqualTo(first.id());
        assertThat(conversations.recent(ACME, later.id(), 6))
                .as("a new session remembers nothing")
                .isEmpty();
        assertThat(conversations.find(ACME, first.id()).orElseThrow().state()).isEqualTo(ConversationState.CLOSED);
        assertThat(later.customer()).isEqualTo("+34•••••3456");
    }

    @Test
    void aConversationNamedByIdAlsoExpiresAndContinuesAsANewOneWithTheSameCustomer() {
        Conversation first = conversations.open(ACME, null, PHONE, Channel.API);
        clock.advance(Duration.ofMinutes(45));

        Conversation next = conversations.open(ACME, first.id().toString(), null, Channel.API);

        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(next.customer()).isEqualTo("+34•••••3456");
        assertThat(conversations.customerIdentifier(ACME, next.id())).contains(PHONE);
    }

    @Test
    void aConversationWithAPersonDoesNotExpire() {
        Conversation first = conversations.open(ACME, null, PHONE, Channel.API);
        conversations.takeOver(ACME, first.id(), "maria");
        clock.advance(Duration.ofHours(5));

        assertThat(conversations.open(ACME, null, PHONE, Channel.API).id()).isEqualTo(first.id());
    }

    @Test
    void theRecentMessagesAreTheLastOnesInOrder() {
        Conversation conversation = conversations.open(ACME, null, null, Channel.API);
        for (int i = 1; i <= 8; i++) {
            conversations.recordCustomer(ACME, conversation.id(), "message " + i, "en");
        }

        assertThat(conversations.recent(ACME, conversation.id(), 3))
                .extracting(ConversationMessage::text)
                .containsExactly("message 6", "message 7", "message 8");
    }

    @Test
    void erasingACustomerRemovesEveryConversationOfTheirsAndNothingElse() {
        Conversation first = conversations.open(ACME, null, PHONE, Channel.API);
        conversations.recordCustomer(ACME, first.id(), "How much is Fibre 1000?", "en");
        conversations.recordBot(ACME, first.id(), handoff(HandoffReason.CUSTOMER_REQUEST));
        clock.advance(Duration.ofHours(2));
        conversations.close(ACME, first.id());
        Conversation second = conversations.open(ACME, null, "whatsapp:+34600123456", Channel.WHATSAPP);
        conversations.recordCustomer(ACME, second.id(), "Hello again", "en");
        Conversation someoneElse = conversations.open(ACME, null, "+34 611 00 00 00", Channel.API);
        conversations.recordCustomer(ACME, someoneElse.id(), "Hi", "en");
        Conversation sameNumberElsewhere = conversations.open(GLOBEX, null, PHONE, Channel.API);
        events.clear();

        var erased = conversations.eraseCustomer(ACME, "+34600123456");

        assertThat(erased).isEqualTo(new ConversationService.Erased(2, 3));
        assertThat(conversations.find(ACME, first.id())).isEmpty();
        assertThat(conversations.find(ACME, second.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from conversation_message where conversation_id in (:ids)")
                        .param("ids", List.of(first.id().value(), second.id().value()))
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(conversations.messages(ACME, someoneElse.id())).hasSize(1);
        assertThat(conversations.find(GLOBEX, sameNumberElsewhere.id()))
                .as("another tenant's customer with the same number")
                .isPresent();
        assertThat(events)
                .singleElement()
                .isEqualTo(new CustomerErased(ACME, new CustomerIdentifiers(key()).hash(PHONE)));
        assertThat(conversations.eraseCustomer(ACME, PHONE)).isEqualTo(new ConversationService.Erased(0, 0));
    }

    @Test
    void erasingTheCustomerOfAnAnonymousConversationErasesThatConversationAlone() {
        Conversation anonymous = conversations.open(ACME, null, null, Channel.API);
        conversations.recordCustomer(ACME, anonymous.id(), "Hi", "en");
        Conversation other = conversations.open(ACME, null, null, Channel.API);

        assertThat(conversations.eraseCustomerOf(ACME, anonymous.id())).isEqualTo(new ConversationService.Erased(1, 1));
        assertThat(conversations.find(ACME, anonymous.id())).isEmpty();
        assertThat(conversations.find(ACME, other.id())).isPresent();
        assertThatThrownBy(() -> conversations.eraseCustomerOf(GLOBEX, other.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(conversations.find(ACME, other.id())).isPresent();
    }

    @Test
    void aHandoffQueuesTheConversationAndIsAnnouncedOnce() {
        Conversation conversation = conversations.open(ACME, null, PHONE, Channel.API);

        conversations.recordBot(ACME, conversation.id(), handoff(HandoffReason.CUSTOMER_REQUEST));
        conversations.recordBot(ACME, conversation.id(), handoff(HandoffReason.FRUSTRATION));

        Conversation queued = conversations.find(ACME, conversation.id()).orElseThrow();
        assertThat(queued.state()).isEqualTo(ConversationState.NEEDS_HUMAN);
        assertThat(queued.handoffReason()).isEqualTo(HandoffReason.CUSTOMER_REQUEST);
        assertThat(events).hasSize(1).first().isInstanceOf(HandoffRequested.class);
    }

    @Test
    void anAgentTakesOverRepliesAndReleases() {
        Conversation conversation = conversations.open(ACME, null, PHONE, Channel.API);
        ConversationMessage asked = conversations.recordCustomer(ACME, conversation.id(), "help", "en");

        conversations.recordBot(
                ACME,
                conversation.id(),
                new BotMessage("We open at 8.", "en", "answered", "openai", false, null, null, 900, "{}"));
        assertThat(conversations.agentRepliedAfter(ACME, conversation.id(), asked.id()))
                .as("a bot answer does not count")
                .isFalse();
        conversations.agentReply(ACME, conversation.id(), "maria", "Hi, Maria here.");

        Conversation owned = conversations.find(ACME, conversation.id()).orElseThrow();
        assertThat(owned.state()).isEqualTo(ConversationState.WITH_AGENT);
        assertThat(owned.agent()).isEqualTo("maria");
        assertThat(conversations.agentRepliedAfter(ACME, conversation.id(), asked.id()))
                .isTrue();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AgentReplied.class));

        Conversation released = conversations.release(ACME, conversation.id());
        assertThat(released.state()).isEqualTo(ConversationState.BOT);
        assertThat(released.agent()).isNull();
    }

    @Test
    void anotherTenantCannotReadOrTakeAConversation() {
        Conversation conversation = conversations.open(ACME, null, PHONE, Channel.API);
        conversations.recordCustomer(ACME, conversation.id(), "my account number is 1234", "en");

        assertThat(conversations.find(GLOBEX, conversation.id())).isEmpty();
        assertThat(conversations.messages(GLOBEX, conversation.id())).isEmpty();
        assertThat(conversations.customerIdentifier(GLOBEX, conversation.id())).isEmpty();
        assertThatThrownBy(() -> conversations.takeOver(GLOBEX, conversation.id(), "eve"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> conversations.open(GLOBEX, conversation.id().toString(), null, Channel.API))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(conversations.open(GLOBEX, null, PHONE, Channel.API).id())
                .as("the same number at another business is another customer")
                .isNotEqualTo(conversation.id());
    }

    @Test
    void anAnonymousPlaygroundTryStaysWithTheBotAndOutOfTheListButATesterWithANumberIsACustomer() {
        Conversation anonymous = conversations.open(ACME, null, null, Channel.PLAYGROUND);
        Conversation tester = conversations.open(ACME, null, PHONE, Channel.PLAYGROUND);

        conversations.recordBot(ACME, anonymous.id(), handoff(HandoffReason.CUSTOMER_REQUEST));
        conversations.recordBot(ACME, tester.id(), handoff(HandoffReason.CUSTOMER_REQUEST));

        assertThat(conversations.find(ACME, anonymous.id()).orElseThrow().state())
                .isEqualTo(ConversationState.BOT);
        assertThat(conversations.find(ACME, tester.id()).orElseThrow().state())
                .isEqualTo(ConversationState.NEEDS_HUMAN);
        assertThat(conversations.list(ACME, null, 50))
                .extracting(Conversation::id)
                .containsExactly(tester.id());
        assertThat(events).hasSize(1);
    }

    @Test
    void anEvaluationRunsConversationsCallNoAgentAndStayOutOfTheList() {
        Conversation evaluation = conversations.open(ACME, null, null, Channel.EVALUATION);
        Conversation customer = conversations.open(ACME, null, PHONE, Channel.API);

        conversations.recordBot(ACME, evaluation.id(), handoff(HandoffReason.CUSTOMER_REQUEST));

        assertThat(conversations.find(ACME, evaluation.id()).orElseThrow().state())
                .isEqualTo(ConversationState.NEEDS_HUMAN);
        assertThat(events).isEmpty();
        assertThat(conversations.list(ACME, null, 50))
                .extracting(Conversation::id)
                .containsExactly(customer.id());
    }

    @Test
    void thePhoneNumberIsNotStoredInClear() {
        conversations.open(ACME, null, PHONE, Channel.API);

        String row = jdbc.sql("select concat(customer_hash, '|', customer_sealed, '|', customer_masked)"
                        + " from conversation")
                .query(String.class)
                .single();
        assertThat(row)
                .doesNotContain("600123456")
                .doesNotContain("600 12 34 56")
                .contains("+34•••••3456");
    }

    private static BotMessage handoff(HandoffReason reason) {
        return new BotMessage("passing you on", "en", "handoff", "none", false, reason, "test", 5, "{}");
    }

    @Test
    void theInboxListsATenantsConversationsByStateWithUnreadCountsUntilAnAgentOpensThem() {
        ConversationService.Received asked =
                conversations.receive(ACME, null, PHONE, Channel.WHATSAPP, "Is the clinic open today?", "en", null, 6);
        conversations.recordCustomer(ACME, asked.conversation().id(), "I need to talk to a person", "en");
        conversations.takeOver(ACME, asked.conversation().id(), "ana");
        conversations.receive(ACME, null, "+34 611 00 00 01", Channel.WHATSAPP, "Hello", "en", null, 6);
        conversations.receive(GLOBEX, null, PHONE, Channel.WHATSAPP, "Globex's customer", "en", null, 6);
        conversations.receive(ACME, null, null, Channel.EVALUATION, "An evaluation case", "en", null, 6);

        assertThat(asked.history()).isEmpty();
        assertThat(asked.message().text()).isEqualTo("Is the clinic open today?");
        assertThat(conversations.countByState(ACME))
                .containsEntry(ConversationState.WITH_AGENT, 1)
                .containsEntry(ConversationState.BOT, 1)
                .doesNotContainKey(ConversationState.NEEDS_HUMAN);
        List<InboxItem> withAgent = conversations.inbox(ACME, ConversationState.WITH_AGENT, 10);
        assertThat(withAgent).singleElement().satisfies(item -> {
            assertThat(item.conversation().id()).isEqualTo(asked.conversation().id());
            assertThat(item.unread()).isEqualTo(2);
            assertThat(item.lastMessage()).isEqualTo("I need to talk to a person");
        });
        assertThat(conversations.inbox(ACME, null, 10))
                .as("all states, this tenant only, no evaluation runs")
                .hasSize(2);

        assertThat(conversations.markSeen(ACME, asked.conversation().id())).isTrue();
        assertThat(conversations.markSeen(ACME, asked.conversation().id()))
                .as("nothing new since")
                .isFalse();
        assertThat(conversations.markSeen(GLOBEX, asked.conversation().id()))
                .as("another tenant's conversation")
                .isFalse();
        assertThat(conversations
                        .inbox(ACME, ConversationState.WITH_AGENT, 10)
                        .getFirst()
                        .unread())
                .isZero();
        conversations.agentReply(ACME, asked.conversation().id(), "ana", "Yes, until 18:00.");
        conversations.recordCustomer(ACME, asked.conversation().id(), "Thanks!", "en");
        assertThat(conversations.inbox(ACME, ConversationState.WITH_AGENT, 10).getFirst())
                .extracting(InboxItem::unread, InboxItem::lastMessage)
                .containsExactly(1, "Thanks!");
    }
}
