package io.kefu.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static WeeklyHours hours(Set<DayOfWeek> days, String from, String to) {
        return new WeeklyHours(List.of(new WeeklyWindow(days, LocalTime.parse(from), LocalTime.parse(to))));
    }

    @Test
    void noWindowsMeansAlwaysOpen() {
        assertThat(WeeklyHours.ALWAYS.isOpen(at("2026-12-06T03:00"), SHANGHAI)).isTrue();
        assertThat(WeeklyHours.ALWAYS.opensAt(at("2026-12-06T03:00"), SHANGHAI)).contains(at("2026-12-06T03:00"));
    }

    @Test
    void aDayWindowIncludesItsStartAndExcludesItsEnd() {
        WeeklyHours h = hours(WEEKDAYS, "08:00", "23:00"); // 2026-12-01 is a Tuesday

        assertThat(h.isOpen(at("2026-12-01T07:59"), SHANGHAI)).isFalse();
        assertThat(h.isOpen(at("2026-12-01T08:00"), SHANGHAI)).isTrue();
        assertThat(h.isOpen(at("2026-12-01T22:59"), SHANGHAI)).isTrue();
        assertThat(h.isOpen(at("2026-12-01T23:00"), SHANGHAI)).isFalse();
        assertThat(h.isOpen(at("2026-12-05T12:00"), SHANGHAI)).as("Saturday").isFalse();
    }

    @Test
    void aWindowPastMidnightBelongsToTheDayItStarts() {
        WeeklyHours nights = hours(EnumSet.of(DayOfWeek.FRIDAY), "22:00", "02:00"); // 2026-12-04 is a Friday

        assertThat(nights.isOpen(at("2026-12-04T23:30"), SHANGHAI)).isTrue();
        assertThat(nights.isOpen(at("2026-12-05T01:59"), SHANGHAI)).as("early Saturday").isTrue();
        assertThat(nights.isOpen(at("2026-12-05T02:00"), SHANGHAI)).isFalse();
        assertThat(nights.isOpen(at("2026-12-04T01:00"), SHANGHAI)).as("early Friday is Thursday's night").isFalse();
    }

    @Test
    void opensAtIsTheNextStartInTheShopsZone() {
        WeeklyHours h = hours(WEEKDAYS, "08:00", "23:00");

        assertThat(h.opensAt(at("2026-12-01T23:30"), SHANGHAI)).contains(at("2026-12-02T08:00"));
        assertThat(h.opensAt(at("2026-12-05T10:00"), SHANGHAI)).as("Saturday → Monday").contains(at("2026-12-07T08:00"));
        assertThat(h.opensAt(at("2026-12-01T06:00"), SHANGHAI)).contains(at("2026-12-01T08:00"));
    }

    @Test
    void theEarliestOfSeveralWindowsOpensFirst() {
        WeeklyHours h = new WeeklyHours(List.of(
                new WeeklyWindow(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0)),
                new WeeklyWindow(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0), LocalTime.of(14, 0))));

        assertThat(h.opensAt(at("2026-12-04T19:00"), SHANGHAI)).contains(at("2026-12-05T10:00"));
        assertThat(h.isOpen(at("2026-12-05T13:00"), SHANGHAI)).isTrue();
    }
}
