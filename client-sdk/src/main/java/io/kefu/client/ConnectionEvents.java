package io.kefu.client;

import io.kefu.protocol.Frame;
import io.netty.channel.Channel;

/**
 * What a connection's pipeline reports to the client that opened it. Called on the connection's event
 * loop; the channel lets the client ignore events of a connection it has already replaced.
 */
interface ConnectionEvents {

    /** The WebSocket handshake succeeded; the client may now send {@code hello}. */
    void handshakeComplete(Channel channel);

    /** A decoded frame from the server. */
    void frameReceived(Channel channel, Frame frame);

    /** The connection ended (also when it never got past the handshake). */
    void connectionClosed(Channel channel, CloseStatus status);

    /**
     * How a connection ended: the close code and reason the server sent (1006 and a description when it
     * sent none), whether the WebSocket handshake had completed, and the error that ended it, if any.
     */
    record CloseStatus(int code, String reason, boolean established, Throwable failure) {
    }
}
