package io.kefu.server.settings;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A weekly time window in a shop's time zone: on each of {@code days}, from {@code from} to {@code to}.
 * When {@code to} is not after {@code from} the window runs past midnight into the next day ({@code 22:00}
 * to {@code 02:00} on Friday covers Friday night and early Saturday); {@code from == to} is a whole day
 * from {@code from}. Immutable; its methods are pure.
 */
public record WeeklyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public WeeklyWindow {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether local date-time {@code t} (in the shop's zone) falls inside the window. */
    public boolean contains(LocalDateTime t) {
        DayOfWeek day = t.getDayOfWeek();
        LocalTime time = t.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        return days.contains(day) && !time.isBefore(from) || days.contains(day.minus(1)) && time.isBefore(to);
    }

    /** The first start of this window strictly after {@code t}, within the next 8 days. */
    public LocalDateTime nextStartAfter(LocalDateTime t) {
        for (int d = 0; d <= 7; d++) {
            LocalDateTime start = t.toLocalDate().plusDays(d).atTime(from);
            if (start.isAfter(t) && days.contains(start.getDayOfWeek())) {
                return start;
            }
        }
        return null;
    }
}
