package io.kefu.server.routing.policy;

/**
 * Estimates how long a queued buyer waits: the group's measured handling time (a moving average of how
 * long assigned chats last, starting from a guess) divided over its online capacity. Confined to the
 * router lane of its shop.
 */
public final class EtaEstimator {
    /** Starting guess for how long a chat holds an agent; replaced by measurement as chats close. */
    static final double INITIAL_HANDLE_SEC = 120;
    private static final double WEIGHT = 0.1;

    private double handleSec = INITIAL_HANDLE_SEC;

    /** A chat held an agent for {@code heldMs}. */
    public void handled(long heldMs) {
        double sec = Math.max(1, heldMs / 1000.0);
        handleSec = handleSec * (1 - WEIGHT) + sec * WEIGHT;
    }

    /** Seconds until the conversation at {@code position} (1 = next) is likely served by {@code capacity} slots. */
    public long etaSec(int position, int capacity) {
        return (long) Math.ceil(position * handleSec / Math.max(1, capacity));
    }

    public double handleSec() {
        return handleSec;
    }
}
