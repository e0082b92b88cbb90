package io.kefu.client;

/**
 * WebSocket close codes a client sees in {@link KefuListener#onDisconnected} and
 * {@link ConnectionClosedException#closeCode()}: the standard ones (RFC 6455) and Kefu's own.
 */
public final class CloseCodes {
    /** The client (or the server) closed the connection normally. */
    public static final int NORMAL_CLOSURE = 1000;
    /** The server is shutting down or draining connections. */
    public static final int GOING_AWAY = 1001;
    /** The connection ended without a close frame: network failure, crash. Never sent on the wire. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** A frame was larger than the receiver accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** No valid {@code hello}, or its token was refused or has expired. The client does not reconnect. */
    public static final int UNAUTHORIZED = 4401;
    /** The user may not use this connection. The client does not reconnect. */
    public static final int FORBIDDEN = 4403;
    /** No traffic for twice the heartbeat interval. */
    public static final int HEARTBEAT_TIMEOUT = 4408;
    /** The client sent too much, too fast. */
    public static final int RATE_LIMITED = 4429;

    private CloseCodes() {
    }
}
