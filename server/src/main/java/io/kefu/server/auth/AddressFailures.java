package io.kefu.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.server.base.RetryLaterException;
import io.kefu.server.base.TokenBucket;
import java.time.Clock;
import java.time.Duration;

/**
 * Failed authentication attempts (a wrong admin key, a failed login) per client address: a token bucket of
 * {@code burst} failures that refills by {@code perMinute}. While an address has none left, every admin-key
 * or login attempt from it is refused with 429 {@code rate_limited} before the key is compared or a password
 * hashed. Successes cost nothing, so an office behind one address logs in freely. Attempts that race each
 * other may all pass the check before their failures count: at most one per event loop for admin keys
 * (checked there), and the login hashes are bounded elsewhere.
 *
 * <p>Bounded ({@value #MAX_ADDRESSES} addresses, least recently used dropped first); an address is forgotten
 * once its bucket would be full again. Thread-safe and non-blocking (each bucket is guarded by itself):
 * called on event loops and on the auth executor.
 */
public final class AddressFailures {
    static final int MAX_ADDRESSES = 100_000;

    private final Clock clock;
    private final int burst;
    private final int perMinute;
    private final Cache<String, TokenBucket> byAddress;

    public AddressFailures(Clock clock, int burst, int perMinute) {
        this.clock = clock;
        this.burst = burst;
        this.perMinute = perMinute;
        this.byAddress = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(Duration.ofSeconds(Math.max(1, 60L * burst / perMinute + 1)))
                .ticker(() -> nanos())
                .executor(Runnable::run)
                .build();
    }

    /** Throws {@code rate_limited} (with the time to wait) while {@code address} has no failure left. */
    public void check(String address, String what) {
        TokenBucket bucket = byAddress.getIfPresent(address);
        if (bucket == null) {
            return;
        }
        long wait;
        synchronized (bucket) {
            wait = bucket.nanosUntilToken(nanos());
        }
        if (wait > 0) {
            long seconds = (wait + 999_999_999L) / 1_000_000_000L;
            throw new RetryLaterException("too many failed " + what + " attempts from this address (at most " + burst
                    + " at once, then " + perMinute + " a minute: KEFU_AUTH_FAILURE_BURST, KEFU_AUTH_FAILURES_PER_MIN);"
                    + " try again in " + seconds + " s", seconds);
        }
    }

    public void failed(String address) {
        TokenBucket bucket = byAddress.get(address, a -> TokenBucket.perMinute(perMinute, burst, nanos()));
        synchronized (bucket) {
            bucket.take(nanos());
        }
    }

    private long nanos() {
        return clock.millis() * 1_000_000L;
    }
}
