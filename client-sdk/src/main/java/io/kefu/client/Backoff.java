package io.kefu.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initial}, capped at {@code max}, with "equal jitter" (a
 * random half of each delay) so that thousands of clients dropped at once do not return at once.
 */
record Backoff(Duration initial, Duration max) {

    Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("reconnect initial delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("reconnect max delay " + max + " is below the initial delay " + initial);
        }
    }

    /**
     * The delay before reconnect attempt {@code attempt} (0 for the first).
     *
     * @param random a source of numbers in {@code [0, 1)}
     */
    long delayMillis(int attempt, DoubleSupplier random) {
        long cap = max.toMillis();
        long base = initial.toMillis();
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = base > (cap >> shift) ? cap : base << shift;
        long half = ceiling / 2;
        return half + (long) (random.getAsDouble() * (ceiling - half));
    }
}
