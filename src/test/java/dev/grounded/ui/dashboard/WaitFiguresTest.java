package dev.grounded.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.conversation.ConversationStats.ToPerson;
import org.junit.jupiter.api.Test;

/** The dashboard's time to a person: both percentiles in the unit the slower one reads best in. */
class WaitFiguresTest {

    @Test
    void secondsThenMinutesThenHours() {
        assertThat(DashboardView.waits(new ToPerson(0, 0, null, null))).isEqualTo("–");
        assertThat(DashboardView.waits(new ToPerson(3, 3, 40L, 95L))).isEqualTo("40 / 95 s");
        assertThat(DashboardView.waits(new ToPerson(3, 3, 90L, 1_500L))).isEqualTo("2 / 25 min");
        assertThat(DashboardView.waits(new ToPerson(3, 3, 300L, 29_730L))).isEqualTo("0.1 / 8.3 h");
    }
}
