package dev.grounded.reply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.handoff.HandoffReason;
import org.junit.jupiter.api.Test;

class ClassifyHandoffTest {

    @Test
    void onlyTheReasonsAskedForCount() {
        assertThat(ClassifyHandoff.parse("COMPLAINT")).contains(HandoffReason.COMPLAINT);
        assertThat(ClassifyHandoff.parse(" customer_request.\nThe customer asks for a person"))
                .contains(HandoffReason.CUSTOMER_REQUEST);
        assertThat(ClassifyHandoff.parse("FRUSTRATION")).contains(HandoffReason.FRUSTRATION);
        assertThat(ClassifyHandoff.parse("NONE")).isEmpty();
        assertThat(ClassifyHandoff.parse("SENSITIVE_TOPIC"))
                .as("not a reason it may give")
                .isEmpty();
        assertThat(ClassifyHandoff.parse("I think this is a complaint")).isEmpty();
        assertThat(ClassifyHandoff.parse(null)).isEmpty();
    }
}
