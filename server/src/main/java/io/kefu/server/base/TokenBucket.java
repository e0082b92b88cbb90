package io.kefu.server.base;

/**
 * A token bucket: {@code ratePerSec} tokens a second, up to {@code burst}. Not thread-safe: a connection's
 * rate limiter is used only on its event loop; a shared one is guarded by its owner.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(int ratePerSec, int burst, long nowNanos) {
        this(ratePerSec / 1e9, burst, nowNanos);
    }

    private TokenBucket(double ratePerNano, int burst, long nowNanos) {
        this.ratePerNano = ratePerNano;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** {@code perMinute} tokens a minute, up to {@code burst}. */
    public static TokenBucket perMinute(int perMinute, int burst, long nowNanos) {
        return new TokenBucket(perMinute / 60e9, burst, nowNanos);
    }

    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes a token if there is one, else nothing: a failure that still counts once the bucket refilled. */
    public void take(long nowNanos) {
        refill(nowNanos);
        tokens = Math.max(0, tokens - 1);
    }

    /** {@code true} when a token is there to take. */
    public boolean hasToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    /** Nanoseconds until a token is there (0 when there is one). */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    /** {@code true} once the bucket has refilled to at least half: the client has calmed down. */
    public boolean isCalm() {
        return tokens >= burst / 2;
    }

    /** {@code true} when the bucket is full: nothing is remembered that a new bucket would not know. */
    public boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
    }
}
