package io.kefu.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing: after {@value #FREE_FAILURES} failed logins in a row for one shop, username
 * and client address, that client is locked out of that account for {@link #FIRST_LOCK}, doubling with
 * every further failure up to {@link #MAX_LOCK}; a login while locked is refused with
 * {@code rate_limited} before any password is hashed. A success clears the record; so does an hour
 * without failures.
 *
 * <p>Keyed by what was typed, whether or not the shop or user exists, so a lock says nothing about which
 * accounts exist; and by client address, so someone guessing cannot lock the agent out from elsewhere
 * (behind a proxy every client has the proxy's address, and the lock becomes per account). Bounded
 * ({@value #MAX_ACCOUNTS} records, least recently used dropped first). Thread-safe and non-blocking:
 * called on event loops and on the auth executor.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int MAX_ACCOUNTS = 100_000;

    private record Failures(int count, long lockedUntilMillis) {
    }

    private final Clock clock;
    private final Cache<String, Failures> byAccount;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.byAccount = Caffeine.newBuilder()
                .maximumSize(MAX_ACCOUNTS)
                .expireAfterWrite(FORGET_AFTER)
                .ticker(() -> clock.millis() * 1_000_000L)
                // Maintenance on the calling thread, never handed to a pool from an event loop.
                .executor(Runnable::run)
                .build();
    }

    /** Throws {@code rate_limited} while the account is locked. */
    public void check(String shopId, String username, String client) {
        Failures f = byAccount.getIfPresent(key(shopId, username, client));
        long now = clock.millis();
        if (f != null && f.lockedUntilMillis > now) {
            long seconds = Math.max(1, (f.lockedUntilMillis - now + 999) / 1_000);
            throw new KefuException(ErrorCode.RATE_LIMITED, "too many failed logins for this shop and username from this address;"
                    + " try again in " + seconds + " s");
        }
    }

    public void failed(String shopId, String username, String client) {
        long now = clock.millis();
        byAccount.asMap().merge(key(shopId, username, client), new Failures(1, lockUntil(1, now)),
                (old, one) -> new Failures(old.count + 1, lockUntil(old.count + 1, now)));
    }

    public void succeeded(String shopId, String username, String client) {
        byAccount.invalidate(key(shopId, username, client));
    }

    private static long lockUntil(int failures, long now) {
        if (failures < FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 30);
        long lockMillis = Math.min(MAX_LOCK.toMillis(), FIRST_LOCK.toMillis() << doublings);
        return now + lockMillis;
    }

    private static String key(String shopId, String username, String client) {
        return shopId + '\u0000' + username.toLowerCase(Locale.ROOT) + '\u0000' + client;
    }
}
