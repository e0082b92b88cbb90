package io.kefu.server.settings;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Business hours or an agent's shifts: a list of {@link WeeklyWindow}s. No windows means always open (on
 * shift). Pure functions of the instant asked about; the caller brings the clock. Immutable.
 */
public record WeeklyHours(List<WeeklyWindow> windows) {
    public static final WeeklyHours ALWAYS = new WeeklyHours(List.of());

    public WeeklyHours {
        windows = List.copyOf(windows);
    }

    public boolean always() {
        return windows.isEmpty();
    }

    public boolean isOpen(Instant now, ZoneId zone) {
        if (windows.isEmpty()) {
            return true;
        }
        LocalDateTime t = LocalDateTime.ofInstant(now, zone);
        for (WeeklyWindow w : windows) {
            if (w.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** The first window start strictly after {@code now} (a new shift beginning), empty when there are no windows. */
    public Optional<Instant> nextStartAfter(Instant now, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(now, zone);
        LocalDateTime best = null;
        for (WeeklyWindow w : windows) {
            LocalDateTime start = w.nextStartAfter(t);
            if (start != null && (best == null || start.isBefore(best))) {
                best = start;
            }
        }
        // A local time skipped by a daylight-saving jump resolves to the instant just after the gap.
        return Optional.ofNullable(best).map(b -> b.atZone(zone).toInstant());
    }

    /** When it next opens: {@code now} itself if open now, empty if no window ever opens (no days). */
    public Optional<Instant> opensAt(Instant now, ZoneId zone) {
        return isOpen(now, zone) ? Optional.of(now) : nextStartAfter(now, zone);
    }
}
