package io.kefu.server.session;

import io.kefu.protocol.Frame;
import io.kefu.server.auth.Principal;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated WebSocket connection. Thread-safe: {@link #push} may be called from any thread; Netty
 * queues the write onto the channel's event loop, which encodes it with the connection's codec.
 *
 * <p>A client that stops reading cannot make the server buffer without bound: once the channel is past
 * its high water mark and more than {@code maxOutboundBytes} wait to be written, the connection is dropped
 * (no close frame: it would queue behind the backlog). The client resumes with {@code sync} after reconnecting, so nothing stored is lost.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Channel channel;
    private final Principal principal;
    private final String sessionId;
    private final long maxOutboundBytes;

    public Connection(Channel channel, Principal principal, String sessionId, long maxOutboundBytes) {
        this.channel = channel;
        this.principal = principal;
        this.sessionId = sessionId;
        this.maxOutboundBytes = maxOutboundBytes;
    }

    public Principal principal() {
        return principal;
    }

    public String sessionId() {
        return sessionId;
    }

    public Channel channel() {
        return channel;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Queues a frame for this connection; drops it (and closes) when the client is not keeping up. */
    public PushListener.Outcome push(Frame frame) {
        if (!channel.isActive()) {
            return PushListener.Outcome.CLOSED;
        }
        if (!channel.isWritable() && pendingBytes() > maxOutboundBytes) {
            closeSlowConsumer();
            return PushListener.Outcome.SLOW;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
        return PushListener.Outcome.WRITTEN;
    }

    private long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void closeSlowConsumer() {
        log.info("closing slow consumer session={} user={} pendingBytes={}", sessionId, principal.userId(),
                pendingBytes());
        // The close frame would queue behind the backlog; the peer is not reading anyway.
        channel.close();
    }

    @Override
    public String toString() {
        return "Connection[" + sessionId + ", " + principal.userId() + "]";
    }
}
