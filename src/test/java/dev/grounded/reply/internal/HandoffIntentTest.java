package dev.grounded.reply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandoffIntentTest {

    @Test
    void recognisesRequestsForAPersonInSeveralLanguages() {
        assertThat(HandoffIntent.asksForHuman("Can I talk to a human?")).isTrue();
        assertThat(HandoffIntent.asksForHuman("I want a real person")).isTrue();
        assertThat(HandoffIntent.asksForHuman("Quiero hablar con un agente")).isTrue();
        assertThat(HandoffIntent.asksForHuman("Posso falar com um atendente?")).isTrue();
        assertThat(HandoffIntent.asksForHuman("Je veux parler à un humain")).isTrue();
    }

    @Test
    void leavesOrdinaryQuestionsAlone() {
        assertThat(HandoffIntent.asksForHuman("How much is the installation fee?"))
                .isFalse();
        assertThat(HandoffIntent.asksForHuman("What does the agent of the router do?"))
                .isFalse();
    }
}
