package io.kefu.server.auth;

import io.kefu.server.base.RetryLaterException;
import java.util.concurrent.Semaphore;

/**
 * Bounds the password hashes run at once for logins whose username does not exist. Such a login still
 * hashes (an instant refusal would tell which usernames exist), but a flood of ever-new usernames is never
 * locked by the per-account counts and would fill the hashing pool ahead of real logins: past
 * {@code max} at once, one more is refused with 429 at once. Thread-safe, non-blocking.
 */
public final class UnknownUserHashes {
    private final int max;
    private final Semaphore permits;

    public UnknownUserHashes(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** A permit to hash, to {@link #release()} after; {@code rate_limited} when all are taken. */
    public void acquire() {
        if (!permits.tryAcquire()) {
            throw new RetryLaterException("too many logins for unknown usernames at once (KEFU_LOGIN_UNKNOWN_HASHES="
                    + max + "); try again shortly", 1);
        }
    }

    public void release() {
        permits.release();
    }
}
