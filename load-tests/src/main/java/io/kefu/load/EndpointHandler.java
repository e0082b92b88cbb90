package io.kefu.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of one connection attempt of one {@link Endpoint}: times the upgrade, hands frames
 * to the {@link Dialect}, and on close decides whether the loss of the connection was expected (churn,
 * end of run), a slow consumer being cut off, or a drop to report. Runs on the connection's event loop;
 * {@link #ready()} and {@link #channel()} may be read from any thread.
 */
final class EndpointHandler extends ChannelInboundHandlerAdapter {
    private final RunState run;
    private final Dialect dialect;
    private final Endpoint endpoint;
    private final long scheduledAt;
    private volatile Channel channel;
    private volatile boolean ready;
    private volatile boolean expectClose;
    private boolean failed;
    private int closeCode = 1006;
    private String closeReason = "no close frame";

    /** @param scheduledAt when the open-loop ramp meant this connection to start (microseconds) */
    EndpointHandler(RunState run, Dialect dialect, Endpoint endpoint, long scheduledAt) {
        this.run = run;
        this.dialect = dialect;
        this.endpoint = endpoint;
        this.scheduledAt = scheduledAt;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Channel channel() {
        return channel;
    }

    boolean ready() {
        return ready;
    }

    /** The connection is usable: record how long it took from its scheduled start. */
    void markReady() {
        if (ready) {
            return;
        }
        ready = true;
        run.latency.connect.record(run.phaseOf(scheduledAt), run.clock.nowMicros() - scheduledAt);
        run.connections.ready.incrementAndGet();
        run.connections.established.increment();
        startPings();
    }

    /** Application-level heartbeats every {@code --ping} seconds, from a random first offset. */
    private void startPings() {
        int every = run.scenario.pingSec();
        Channel ch = channel;
        if (every == 0 || ch == null || dialect.ping() == null) {
            return;
        }
        long periodMs = every * 1_000L;
        ScheduledFuture<?> pings = ch.eventLoop().scheduleAtFixedRate(() -> {
            if (ch.isActive()) {
                ch.writeAndFlush(dialect.ping(), ch.voidPromise());
            }
        }, ThreadLocalRandom.current().nextLong(periodMs), periodMs, TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> pings.cancel(false));
    }

    /** Setting up the connection failed (refused upgrade, rejected token...): count it and close. */
    void fail(String why) {
        if (!failed && !ready) {
            failed = true;
            run.connections.failed.increment();
            run.errors.count(why);
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** Closes the connection on purpose (churn, end of run): not a drop. */
    void closeExpected() {
        expectClose = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** The slow-consumer scenario: stop reading from the socket, keep the connection open. */
    void stopReading() {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(false);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            run.latency.handshake.record(run.phaseOf(scheduledAt), run.clock.nowMicros() - scheduledAt);
            dialect.opened(this);
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail("websocket handshake timed out");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                dialect.received(this, text.content(), true);
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                dialect.received(this, binary.content(), false);
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                closeReason = close.reasonText();
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!expectClose && !run.stopping()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (ready) {
                run.errors.count("connection error: " + message);
            } else {
                fail("connect: " + message);
            }
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ready) {
            run.connections.ready.decrementAndGet();
        }
        if (!expectClose && !run.stopping()) {
            if (!ready) {
                fail("closed before ready: " + closeCode + " " + closeReason);
            } else if (endpoint.slow()) {
                run.connections.slowClosed.increment();
            } else {
                run.connections.dropped.increment();
                run.errors.count("closed by server: " + closeCode + " " + closeReason);
            }
        }
        ready = false;
        super.channelInactive(ctx);
    }
}
