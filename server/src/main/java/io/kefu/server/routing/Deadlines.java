package io.kefu.server.routing;

import io.kefu.server.routing.timers.RouterTimers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One shop's pending deadlines in time order, with a single timer armed for the earliest. When it
 * fires, the timer only posts {@code onDue} (a command into the router's mailbox); the router then takes
 * every deadline that is due. Deadlines are never cancelled: each carries a {@code stamp} (the time of the
 * event that set it) and its handler checks that the event still stands, so a stale one does nothing.
 * O(log n) to add and to take. Confined to the shop's router lane.
 */
final class Deadlines {
    enum Kind { QUEUE_TIMEOUT, OVERFLOW, STICKY, NO_ANSWER, IDLE, GRACE, OPENS, SHIFT }

    record Deadline(long at, long order, Kind kind, String key, long stamp) {
    }

    private static final Comparator<Deadline> ORDER = Comparator.comparingLong(Deadline::at)
            .thenComparingLong(Deadline::order);

    private final TreeSet<Deadline> pending = new TreeSet<>(ORDER);
    private final RouterTimers timers;
    private final Runnable onDue;
    private RouterTimers.Timer armed;
    private long armedAt = Long.MAX_VALUE;
    private long order;

    Deadlines(RouterTimers timers, Runnable onDue) {
        this.timers = timers;
        this.onDue = onDue;
    }

    void add(long at, Kind kind, String key, long stamp) {
        pending.add(new Deadline(at, order++, kind, key, stamp));
        if (at < armedAt) {
            arm(at);
        }
    }

    /** Takes every deadline due at {@code now}, in time order, and arms the timer for the next one. */
    List<Deadline> due(long now) {
        List<Deadline> due = new ArrayList<>();
        while (!pending.isEmpty() && pending.first().at() <= now) {
            due.add(pending.pollFirst());
        }
        armedAt = Long.MAX_VALUE;
        if (!pending.isEmpty()) {
            arm(pending.first().at());
        }
        return due;
    }

    int size() {
        return pending.size();
    }

    void cancelAll() {
        pending.clear();
        if (armed != null) {
            armed.cancel();
        }
        armedAt = Long.MAX_VALUE;
    }

    private void arm(long at) {
        if (armed != null) {
            armed.cancel();
        }
        armedAt = at;
        armed = timers.schedule(at, onDue);
    }
}
