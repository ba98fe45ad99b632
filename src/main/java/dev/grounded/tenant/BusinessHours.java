package dev.grounded.tenant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When people are there to take over a conversation: a weekly schedule in the business's time zone, minus holidays.
 * With no opening periods at all the business counts as always open (a tenant that never set hours is not "closed").
 *
 * @param timezone an IANA zone id such as {@code Europe/Lisbon}
 * @param weekly opening periods; a day may have several, an overnight period is two (to 24:00, from 00:00)
 * @param afterHoursMessage told to a customer who asks for a person while closed; blank for the built-in one
 */
public record BusinessHours(
        @NotNull String timezone,
        @NotNull @Size(max = 50) List<Period> weekly,
        @NotNull @Size(max = 366) List<LocalDate> holidays,
        @Size(max = 1000) String afterHoursMessage) {

    public BusinessHours {
        ZoneId.of(timezone);
        weekly = List.copyOf(weekly);
        holidays = List.copyOf(holidays);
        for (Period period : weekly) {
            if (!period.from().isBefore(period.to()) && !period.to().equals(LocalTime.MIDNIGHT)) {
                throw new IllegalArgumentException("An opening period must end after it starts: " + period);
            }
        }
    }

    /** Open from {@code from} (inclusive) to {@code to} (exclusive); {@code to} of 00:00 means the end of the day. */
    public record Period(
            @NotNull DayOfWeek day,
            @NotNull LocalTime from,
            @NotNull LocalTime to) {

        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (to.equals(LocalTime.MIDNIGHT) || time.isBefore(to));
        }
    }

    public static BusinessHours always() {
        return new BusinessHours("UTC", List.of(), List.of(), "");
    }

    public boolean alwaysOpen() {
        return weekly.isEmpty();
    }

    public boolean isOpen(Instant instant) {
        if (alwaysOpen()) {
            return true;
        }
        ZonedDateTime local = instant.atZone(ZoneId.of(timezone));
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return weekly.stream().anyMatch(p -> p.day() == local.getDayOfWeek() && p.contains(local.toLocalTime()));
    }

    /** The next moment the business opens after {@code instant} (itself, if open then); empty if it never does. */
    public Optional<ZonedDateTime> nextOpening(Instant instant) {
        if (alwaysOpen() || isOpen(instant)) {
            return Optional.of(instant.atZone(ZoneId.of(timezone)));
        }
        ZonedDateTime local = instant.atZone(ZoneId.of(timezone));
        for (int days = 0; days <= 366 + 7; days++) {
            LocalDate date = local.toLocalDate().plusDays(days);
            if (holidays.contains(date)) {
                continue;
            }
            Optional<ZonedDateTime> opening = weekly.stream()
                    .filter(p -> p.day() == date.getDayOfWeek())
                    .map(p -> date.atTime(p.from()).atZone(local.getZone()))
                    .filter(start -> start.isAfter(local))
                    .min(ZonedDateTime::compareTo);
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }
}
