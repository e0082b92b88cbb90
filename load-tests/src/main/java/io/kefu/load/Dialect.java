package io.kefu.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;

/**
 * What differs between the servers the harness drives: how a connection is addressed and started,
 * how a conversation is opened, and how a stamped message is written and read. Kefu speaks its own
 * protocol ({@link KefuDialect}); anything else speaks {@code RELAY.md} ({@link RelayDialect}).
 *
 * <p>{@link #opened} and {@link #received} run on the connection's event loop; {@link #message} on the
 * sender's; {@link #open} on the thread that paces conversation starts.
 */
interface Dialect {

    /** The WebSocket address of an endpoint's connection. */
    URI uri(Endpoint endpoint);

    /** The sub-protocol to ask for, or {@code null} for none. */
    String subprotocol();

    /** The WebSocket upgrade is done: authenticate, or declare the connection ready. */
    void opened(EndpointHandler connection);

    /** A text or binary frame arrived; {@code content} is released by the caller. */
    void received(EndpointHandler connection, ByteBuf content, boolean text);

    /** Starts a conversation; it is ready once {@link ConvBook} has paired it. */
    void open(ConvTrack track);

    /**
     * The whole WebSocket frame, masked as a client sends it ({@link WsFrames}), carrying message
     * {@code stamp} from {@code from} into the conversation; written past the pipeline's frame encoder.
     */
    ByteBuf message(ConvTrack track, Endpoint from, Stamp stamp, ByteBufAllocator alloc, int mask);

    /** An application-level heartbeat, or {@code null} when the protocol has none. */
    WebSocketFrame ping();
}
