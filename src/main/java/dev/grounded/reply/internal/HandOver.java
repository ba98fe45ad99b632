package dev.grounded.reply.internal;

import dev.grounded.handoff.HandoffReason;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Handoff;
import dev.grounded.tenant.BusinessHours;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the customer is told when the conversation goes to a person: that someone will answer, or, outside business
 * hours, when (the callback is the next opening).
 */
@Component
public class HandOver {

    /** The handoff and what to tell the customer about it. */
    public record Decision(String text, Handoff handoff) {}

    private final ReplyMessages messages;
    private final Clock clock;

    HandOver(ReplyMessages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public Reply reply(Turn turn, HandoffReason reason, String detail) {
        Decision decision = decide(turn, reason, detail);
        return Reply.handoff(decision.text(), turn.language(), decision.handoff(), turn.made());
    }

    public Decision decide(Turn turn, HandoffReason reason, String detail) {
        String language = turn.language();
        BusinessHours hours = turn.settings().hours();
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
            return new Decision(
                    text,
                    new Handoff(
                            true,
                            HandoffReason.AFTER_HOURS_CALLBACK,
                            reason.code() + ": " + detail,
                            opening.map(ZonedDateTime::toOffsetDateTime).orElse(null)));
        }
        return new Decision(
                messages.get(
                        reason == HandoffReason.MISSING_KNOWLEDGE ? "handoff.missing-knowledge" : "handoff.requested",
                        language),
                Handoff.of(reason, detail));
    }
}
