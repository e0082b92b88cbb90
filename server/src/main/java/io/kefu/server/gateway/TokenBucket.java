package io.kefu.server.gateway;

/**
 * A per-connection rate limiter: {@code ratePerSec} tokens a second, up to {@code burst}. Not
 * thread-safe: used only on its connection's event loop.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(int ratePerSec, int burst, long nowNanos) {
        this.ratePerNano = ratePerSec / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    boolean tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** {@code true} once the bucket has refilled to at least half: the client has calmed down. */
    boolean isCalm() {
        return tokens >= burst / 2;
    }
}
