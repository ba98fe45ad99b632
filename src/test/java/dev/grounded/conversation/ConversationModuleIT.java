package dev.grounded.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.testing.FreshDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The conversation capability started alone with the tenant capability: the events it tells the others
 * by. A handoff is announced once, not for every reply while the customer waits; an erasure names the customer only by
 * hash.
 */
// Conversation uses the tenant module's types, not its beans, so Modulith would not start it: its clock and tenants
// are asked for by name.
@ApplicationModuleTest(extraIncludes = "tenant")
class ConversationModuleIT {

    private static final TenantId TENANT = TenantId.of("conversation-module");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        FreshDataDirectory.register(registry, "grounded-conversation-module");
        // The health groups name contributors of modules this test leaves out.
        registry.add("management.endpoint.health.validate-group-membership", () -> "false");
    }

    @Autowired
    ConversationService conversations;

    @Autowired
    TenantService tenants;

    @Test
    void aHandoffIsAnnouncedOnceWhileTheCustomerWaits(AssertablePublishedEvents events) {
        tenants.create(TENANT, "Conversation module", false);
        Conversation conversation = conversations.open(TENANT, null, "+34 600 11 22 33", Channel.WHATSAPP);
        conversations.recordCustomer(TENANT, conversation.id(), "quiero hablar con una persona", "es");

        conversations.recordBot(TENANT, conversation.id(), handoff("Le paso con una persona."));
        conversations.recordBot(TENANT, conversation.id(), handoff("Una persona le responderá pronto."));

        assertThat(events.ofType(HandoffRequested.class)
                        .matching(requested -> requested.conversation().equals(conversation.id())))
                .hasSize(1)
                .allSatisfy(requested -> {
                    assertThat(requested.tenant()).isEqualTo(TENANT);
                    assertThat(requested.reason()).isEqualTo(HandoffReason.CUSTOMER_REQUEST);
                });
        assertThat(conversations.find(TENANT, conversation.id()).orElseThrow().state())
                .isEqualTo(ConversationState.NEEDS_HUMAN);
    }

    @Test
    void anErasureTellsTheOtherCapabilitiesTheCustomersHashNotTheirNumber(AssertablePublishedEvents events) {
        tenants.create(TENANT, "Conversation module", false);
        Conversation conversation = conversations.open(TENANT, null, "+34 600 44 55 66", Channel.WHATSAPP);
        conversations.recordCustomer(TENANT, conversation.id(), "borren mis datos", "es");

        ConversationService.Erased erased = conversations.eraseCustomer(TENANT, "whatsapp:+34600445566");

        assertThat(erased.conversations()).isEqualTo(1);
        assertThat(events.ofType(CustomerErased.class).matching(e -> e.tenant().equals(TENANT)))
                .singleElement()
                .satisfies(e -> assertThat(e.customerHash())
                        .isNotBlank()
                        .doesNotContain("600445566")
                        .doesNotContain("+34"));
        assertThat(conversations.find(TENANT, conversation.id())).isEmpty();
    }

    private static BotMessage handoff(String text) {
        return new BotMessage(
                text, "es", "handoff", null, false, HandoffReason.CUSTOMER_REQUEST, "asked for a person", 5, "{}");
    }
}
