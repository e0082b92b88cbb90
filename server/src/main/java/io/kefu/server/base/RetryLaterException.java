package io.kefu.server.base;

import io.kefu.protocol.ErrorCode;

/**
 * {@code rate_limited} with the time after which a retry may succeed: HTTP answers it 429 with a
 * {@code Retry-After} header. The message names the limit that was hit.
 */
public final class RetryLaterException extends KefuException {
    private final long retryAfterSec;

    public RetryLaterException(String message, long retryAfterSec) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfterSec = Math.max(1, retryAfterSec);
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSec() {
        return retryAfterSec;
    }
}
