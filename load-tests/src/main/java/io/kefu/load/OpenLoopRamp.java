package io.kefu.load;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Starts {@code count} actions at a fixed rate, open loop: action {@code k} is due at
 * {@code start + k / rate} whatever happened to the earlier ones, and is told its due time so that what
 * it measures counts from there. Runs on the calling thread, waking about every millisecond and
 * starting everything that is due.
 */
final class OpenLoopRamp {

    /** One paced action: item {@code k}, due at {@code scheduledAt} microseconds. */
    @FunctionalInterface
    interface Action {
        void start(int k, long scheduledAt);
    }

    private final MicroClock clock;
    private final double perSecond;

    OpenLoopRamp(MicroClock clock, double perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
    }

    /** Runs the ramp from now to the end, or until {@code stop} says so; returns how many were started. */
    int run(int count, Action action, BooleanSupplier stop) {
        return run(clock.nowMicros(), count, action, stop);
    }

    /** Runs the ramp with action 0 due at {@code start} (microseconds, may be in the future). */
    int run(long start, int count, Action action, BooleanSupplier stop) {
        int k = 0;
        while (k < count && !stop.getAsBoolean()) {
            long now = clock.nowMicros();
            while (k < count && due(start, k) <= now) {
                action.start(k, due(start, k));
                k++;
            }
            if (k < count) {
                LockSupport.parkNanos(Math.min(1_000_000L, Math.max(50_000L, (due(start, k) - now) * 1_000)));
            }
        }
        return k;
    }

    long due(long start, int k) {
        return start + (long) (k * 1e6 / perSecond);
    }
}
