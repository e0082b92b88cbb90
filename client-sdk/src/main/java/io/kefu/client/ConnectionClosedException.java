package io.kefu.client;

import java.io.IOException;

/**
 * A request could not be answered because the connection closed (or was never open). Carries the
 * WebSocket close code and reason the server sent, e.g. 4401 when authentication failed, 4408 after a
 * heartbeat timeout, 4429 for a rate limit, 1009 for a frame that was too large; 1006 when the
 * connection was lost without a close frame, 1000 when the client closed it (see {@link CloseCodes}).
 */
public class ConnectionClosedException extends IOException {
    private final int closeCode;
    private final String reason;

    public ConnectionClosedException(int closeCode, String reason, String message) {
        super(message);
        this.closeCode = closeCode;
        this.reason = reason;
    }

    /** The WebSocket close code. */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason sent with the code; empty when none was sent. */
    public String reason() {
        return reason;
    }
}
