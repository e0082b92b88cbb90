package io.kefu.server.session;

import io.kefu.protocol.Frame;
import io.kefu.server.auth.Principal;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated WebSocket connection. Thread-safe: {@link #push} may be called from any thread; the write
 * goes to the channel's event loop (through the pushing lane's {@link Outbox}), which encodes it with the
 * connection's codec.
 *
 * <p>A client that stops reading cannot make the server buffer without bound: once the channel is past
 * its high water mark and more than {@code maxOutboundBytes} wait to be written, the connection is dropped
 * (no close frame: it would queue behind the backlog). The client resumes with {@code sync} after reconnecting, so nothing stored is lost.
 * The backlog is read through what a channel offers to any thread ({@link Channel#isWritable()},
 * {@link Channel#bytesBeforeWritable()}), never through its outbound buffer, which belongs to the event
 * loop; the cut is made, and logged, once, however many pushes race to it.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Channel channel;
    private final Principal principal;
    private final String sessionId;
    private final long maxOutboundBytes;
    private final AtomicBoolean cut = new AtomicBoolean();

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
        if (cut.get()) {
            return PushListener.Outcome.SLOW;
        }
        if (!channel.isWritable() && pendingBytes() > maxOutboundBytes) {
            if (cut.compareAndSet(false, true)) {
                closeSlowConsumer();
            }
            return PushListener.Outcome.SLOW;
        }
        Outbox.write(channel, channel, frame);
        return PushListener.Outcome.WRITTEN;
    }

    /**
     * Bytes waiting to be written, as far as a thread off the event loop may know: while the channel is
     * unwritable, what must drain before it is writable again plus the low water mark it drains to. Writes
     * queued from other threads count (Netty adds them as they are submitted).
     */
    private long pendingBytes() {
        long toWritable = channel.bytesBeforeWritable();
        return toWritable == 0 ? 0 : toWritable + channel.config().getWriteBufferLowWaterMark() - 1;
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
