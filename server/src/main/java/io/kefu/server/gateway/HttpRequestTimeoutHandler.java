package io.kefu.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose HTTP request does not arrive in full (request line, headers and body) within
 * {@code timeoutSec} of its first byte, answering 408: a client that trickles a request a byte at a time
 * (slowloris) would otherwise hold its connection, and a place under {@code KEFU_MAX_CONNECTIONS}, for as
 * long as it likes, since every byte resets the idle timer. The clock starts when bytes arrive while no
 * request is under way, which {@link #bytesWatcher()} (placed before the HTTP codec, which shows nothing
 * until a whole head is in) reports; it stops when the decoder has read the request's end. An idle
 * keep-alive connection is left to the idle timer. A connection upgraded to WebSocket drops both parts.
 * One per channel; runs on its event loop.
 */
final class HttpRequestTimeoutHandler extends ChannelInboundHandlerAdapter {
    private final int timeoutSec;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;

    HttpRequestTimeoutHandler(int timeoutSec) {
        this.timeoutSec = timeoutSec;
    }

    /** The part before the codec: starts the clock when a request's first bytes come in. */
    ChannelHandler bytesWatcher() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext watcherCtx, Object msg) {
                if (timer == null && ctx != null && msg instanceof ByteBuf b && b.isReadable()) {
                    timer = ctx.executor().schedule(HttpRequestTimeoutHandler.this::expired, timeoutSec,
                            TimeUnit.SECONDS);
                }
                watcherCtx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent || msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
            stop(); // read in full, or unreadable (then answered and closed behind this handler)
        }
        ctx.fireChannelRead(msg);
    }

    private void expired() {
        timer = null;
        if (!ctx.isRemoved() && ctx.channel().isActive()) {
            HttpResponses.error(ctx, null, HttpResponseStatus.REQUEST_TIMEOUT, "bad_frame",
                    "the request did not arrive in full within " + timeoutSec + " s (KEFU_HTTP_REQUEST_TIMEOUT_SEC)");
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }
}
