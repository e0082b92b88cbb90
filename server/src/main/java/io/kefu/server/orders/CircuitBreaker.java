package io.kefu.server.orders;

import java.time.Clock;

/**
 * A small circuit breaker for one shop's order back end. Closed, it lets every call through and counts failures in
 * a row; {@code failuresToOpen} of them open it for {@code openMs}, during which calls are refused at once (so a
 * dead back end costs nothing and never stalls anyone). Then it lets one trial call through (half-open): a success
 * closes it, a failure opens it again. Time comes from the injected clock. Thread-safe: its methods hold its monitor
 * only for a few field updates, never across a call.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failuresToOpen;
    private final long openMs;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int failuresToOpen, long openMs, Clock clock) {
        this.failuresToOpen = failuresToOpen;
        this.openMs = openMs;
        this.clock = clock;
    }

    /** Whether a call may go out now; a {@code true} must be followed by {@link #success} or {@link #failure}. */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.millis() - openedAt < openMs) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    synchronized void failure() {
        trialInFlight = false;
        failures++;
        if (state == State.HALF_OPEN || failures >= failuresToOpen) {
            state = State.OPEN;
            openedAt = clock.millis();
        }
    }

    synchronized State state() {
        return state;
    }

    /** How long until a trial call is let through, in whole seconds (at least 1 while open). */
    synchronized long retryInSec() {
        long ms = Math.max(0, openMs - (clock.millis() - openedAt));
        return Math.max(1, (ms + 999) / 1000);
    }
}
