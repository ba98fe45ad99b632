package dev.grounded.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.tenant.BusinessHours.Period;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    /** Lisbon, weekdays 09:00-13:00 and 14:00-18:00, Saturday 10:00-14:00; Christmas off. */
    private final BusinessHours hours = new BusinessHours(
            "Europe/Lisbon",
            List.of(
                    new Period(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
                    new Period(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)),
                    new Period(DayOfWeek.FRIDAY, LocalTime.of(9, 0), LocalTime.of(18, 0)),
                    new Period(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(14, 0))),
            List.of(LocalDate.of(2026, 12, 25)),
            "");

    @Test
    void openInsideAPeriodInTheBusinessesTimeZone() {
        // Monday 2026-11-23 09:30 in Lisbon is 09:30 UTC (WET).
        assertThat(hours.isOpen(Instant.parse("2026-11-23T09:30:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-11-23T08:59:00Z"))).isFalse();
        assertThat(hours.isOpen(Instant.parse("2026-11-23T13:30:00Z"))).isFalse(); // lunch
        assertThat(hours.isOpen(Instant.parse("2026-11-23T18:00:00Z"))).isFalse(); // end is exclusive
    }

    @Test
    void theNextOpeningSkipsClosedDaysAndHolidays() {
        // Monday lunch break: opens again at 14:00 the same day.
        assertThat(hours.nextOpening(Instant.parse("2026-11-23T13:30:00Z")))
                .map(ZonedDateTime::toLocalDateTime)
                .contains(LocalDate.of(2026, 11, 23).atTime(14, 0));
        // Monday evening: next is Friday 09:00.
        assertThat(hours.nextOpening(Instant.parse("2026-11-23T19:00:00Z")))
                .map(ZonedDateTime::toLocalDateTime)
                .contains(LocalDate.of(2026, 11, 27).atTime(9, 0));
        // Christmas Friday is a holiday: Saturday 10:00.
        assertThat(hours.isOpen(Instant.parse("2026-12-25T10:00:00Z"))).isFalse();
        assertThat(hours.nextOpening(Instant.parse("2026-12-24T20:00:00Z")))
                .map(ZonedDateTime::toLocalDateTime)
                .contains(LocalDate.of(2026, 12, 26).atTime(10, 0));
    }

    @Test
    void summerTimeIsTheBusinessesNotUtc() {
        // In July Lisbon is UTC+1: 08:30 UTC is 09:30 local on a Monday.
        assertThat(hours.isOpen(Instant.parse("2026-07-06T08:30:00Z"))).isTrue();
    }

    @Test
    void withoutASchedulePeopleAreAlwaysThere() {
        assertThat(BusinessHours.always().isOpen(Instant.parse("2026-11-22T03:00:00Z")))
                .isTrue();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new BusinessHours("Mars/Olympus", List.of(), List.of(), ""))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new BusinessHours(
                        "UTC",
                        List.of(new Period(DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.of(9, 0))),
                        List.of(),
                        ""))
                .hasMessageContaining("must end after it starts");
        // To midnight is the end of the day.
        assertThat(new BusinessHours(
                                "UTC",
                                List.of(new Period(DayOfWeek.MONDAY, LocalTime.of(20, 0), LocalTime.MIDNIGHT)),
                                List.of(),
                                "")
                        .isOpen(Instant.parse("2026-11-23T23:59:00Z")))
                .isTrue();
    }
}
