package dev.grounded.ui.inbox;

import dev.grounded.conversation.ConversationState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** The words and times the inbox's parts show alike. */
final class InboxLabels {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK);

    private InboxLabels() {}

    static String state(ConversationState state) {
        return switch (state) {
            case NEEDS_HUMAN -> "Needs a person";
            case WITH_AGENT -> "With an agent";
            case BOT -> "Bot";
            case CLOSED -> "Closed";
        };
    }

    static String time(Instant instant) {
        return TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    static String customer(String customer) {
        return customer == null ? "Anonymous" : customer;
    }
}
