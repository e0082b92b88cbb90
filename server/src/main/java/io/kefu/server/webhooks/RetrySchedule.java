package io.kefu.server.webhooks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter. After the n-th failed attempt the next
 * one waits a random time in {@code [0, min(capMs, baseMs · 2^(n-1))]} (1 s, 2 s, 4 s ... capped at 10 minutes by
 * default); a delivery that fails once {@code giveUpAfterMs} (1 hour) have passed since it was created is given up.
 * So every delivery is tried for at least that long. {@code jitter} picks the random wait given its bound (tests
 * pass the bound itself). Immutable; any thread.
 */
public record RetrySchedule(long baseMs, long capMs, long giveUpAfterMs, LongUnaryOperator jitter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(1_000, 600_000, 3_600_000,
            bound -> ThreadLocalRandom.current().nextLong(bound + 1));

    /** The longest wait after the {@code attempts}-th failed attempt. */
    public long maxDelayAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        return Math.min(capMs, baseMs << doublings);
    }

    /** The wait after the {@code attempts}-th failed attempt, jitter included. */
    public long delayAfter(int attempts) {
        long bound = maxDelayAfter(attempts);
        return Math.max(0, Math.min(bound, jitter.applyAsLong(bound)));
    }

    /** Whether a delivery created at {@code createdAt} that just failed at {@code now} is given up. */
    public boolean giveUp(long createdAt, long now) {
        return now - createdAt >= giveUpAfterMs;
    }

    public RetrySchedule withJitter(LongUnaryOperator j) {
        return new RetrySchedule(baseMs, capMs, giveUpAfterMs, j);
    }
}
