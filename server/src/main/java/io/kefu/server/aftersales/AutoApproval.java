package io.kefu.server.aftersales;

import io.kefu.server.routing.timers.RouterTimers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic sweep that approves requested tickets nobody answered within the shop's {@code aftersaleReplyHours}
 * (contract §10). Each ticket's deadline is in the store ({@code reply_by}), so a restart loses none; the sweep asks
 * the store for the due ones every {@code everyMs} of the injected clock, on the server's timers (a test moves a
 * fake clock), and at once again when a sweep found a full batch. The timer task only submits to the store
 * executor; nothing runs on a router lane or an event loop.
 */
public final class AutoApproval implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutoApproval.class);
    public static final long DEFAULT_EVERY_MS = 60_000;
    static final int BATCH = 100;

    private final AfterSales aftersales;
    private final RouterTimers timers;
    private final Clock clock;
    private final long everyMs;
    private volatile boolean closed;

    public AutoApproval(AfterSales aftersales, RouterTimers timers, Clock clock, long everyMs) {
        if (everyMs < 1) {
            throw new IllegalArgumentException("everyMs must be at least 1, was " + everyMs);
        }
        this.aftersales = aftersales;
        this.timers = timers;
        this.clock = clock;
        this.everyMs = everyMs;
    }

    /** Schedules the first sweep, {@code everyMs} from now. */
    public AutoApproval start() {
        timers.schedule(clock.millis() + everyMs, this::sweep);
        return this;
    }

    private void sweep() {
        if (closed) {
            return;
        }
        long startedAt = clock.millis();
        aftersales.sweep(startedAt, BATCH).whenComplete((due, e) -> {
            if (e != null) {
                log.warn("after-sale auto-approval sweep failed (tried again in {} ms): {}", everyMs, e.toString());
            }
            if (!closed) {
                // Every everyMs from when this sweep started, not from when the store answered: a sweep that took
                // longer than the period (or a clock that moved meanwhile) is followed at once, never skipped.
                boolean more = e == null && due == BATCH;
                timers.schedule(more ? clock.millis() : startedAt + everyMs, this::sweep);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
