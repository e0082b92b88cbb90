package io.kefu.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.server.base.RetryLaterException;
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
 * (behind a proxy every client has the proxy's address, and the lock becomes per account). Guesses spread
 * over many addresses are caught by a second count per account, whatever the address: after
 * {@code accountFailures} failures in a row the account is locked for everyone, with the same doubling
 * (a higher threshold, since a lock there also keeps out the agent). Bounded ({@value #MAX_ACCOUNTS}
 * records each, least recently used dropped first). Thread-safe and non-blocking: called on event loops
 * and on the auth executor.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    /** Failures from any addresses before the account is locked, when not configured. */
    public static final int ACCOUNT_FAILURES = 20;
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int MAX_ACCOUNTS = 100_000;

    private record Failures(int count, long lockedUntilMillis) {
    }

    private final Clock clock;
    private final int accountFailures;
    /** By account and client address. */
    private final Cache<String, Failures> byAccount;
    /** By account alone: guesses from many addresses. */
    private final Cache<String, Failures> byAccountAnywhere;

    public LoginThrottle(Clock clock) {
        this(clock, ACCOUNT_FAILURES);
    }

    public LoginThrottle(Clock clock, int accountFailures) {
        this.clock = clock;
        this.accountFailures = accountFailures;
        this.byAccount = cache(clock);
        this.byAccountAnywhere = cache(clock);
    }

    private static Cache<String, Failures> cache(Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_ACCOUNTS)
                .expireAfterWrite(FORGET_AFTER)
                .ticker(() -> clock.millis() * 1_000_000L)
                // Maintenance on the calling thread, never handed to a pool from an event loop.
                .executor(Runnable::run)
                .build();
    }

    /** Throws {@code rate_limited} (with the time to wait) while the account is locked. */
    public void check(String shopId, String username, String client) {
        long now = clock.millis();
        Failures f = byAccount.getIfPresent(key(shopId, username, client));
        if (f != null && f.lockedUntilMillis > now) {
            long seconds = Math.max(1, (f.lockedUntilMillis - now + 999) / 1_000);
            throw new RetryLaterException("too many failed logins for this shop and username from this address;"
                    + " try again in " + seconds + " s", seconds);
        }
        Failures anywhere = byAccountAnywhere.getIfPresent(key(shopId, username, ""));
        if (anywhere != null && anywhere.lockedUntilMillis > now) {
            long seconds = Math.max(1, (anywhere.lockedUntilMillis - now + 999) / 1_000);
            throw new RetryLaterException("too many failed logins for this shop and username (KEFU_LOGIN_ACCOUNT_FAILURES="
                    + accountFailures + "); try again in " + seconds + " s", seconds);
        }
    }

    public void failed(String shopId, String username, String client) {
        long now = clock.millis();
        byAccount.asMap().merge(key(shopId, username, client), new Failures(1, lockUntil(1, now, FREE_FAILURES)),
                (old, one) -> new Failures(old.count + 1, lockUntil(old.count + 1, now, FREE_FAILURES)));
        byAccountAnywhere.asMap().merge(key(shopId, username, ""), new Failures(1, lockUntil(1, now, accountFailures)),
                (old, one) -> new Failures(old.count + 1, lockUntil(old.count + 1, now, accountFailures)));
    }

    public void succeeded(String shopId, String username, String client) {
        byAccount.invalidate(key(shopId, username, client));
        byAccountAnywhere.invalidate(key(shopId, username, ""));
    }

    private static long lockUntil(int failures, long now, int free) {
        if (failures < free) {
            return 0;
        }
        int doublings = Math.min(failures - free, 30);
        long lockMillis = Math.min(MAX_LOCK.toMillis(), FIRST_LOCK.toMillis() << doublings);
        return now + lockMillis;
    }

    private static String key(String shopId, String username, String client) {
        return shopId + '\u0000' + username.toLowerCase(Locale.ROOT) + '\u0000' + client;
    }
}
