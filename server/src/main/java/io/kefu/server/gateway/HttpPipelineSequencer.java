package io.kefu.server.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Answers pipelined HTTP requests in the order they came. The handlers behind it answer some requests at
 * once (health, 404s, CORS preflights, the aggregator's 413) and the API's later, from other threads, so
 * answers would overtake each other; and an answer that closes the connection would drop the answers still
 * on their way. Netty has nothing built in for this, so requests go on one at a time: a request that arrives
 * while the one before it is unanswered is held here, with everything after it, and reading from the socket
 * pauses (the kernel buffer, not the heap, then holds what the client sends on). Once the final answer to the
 * request in progress has been written (a {@code 100 Continue} is not final; {@code 101} is), the next held
 * request goes on. The held objects are at most what one socket read decoded into.
 *
 * <p>Sits just after the HTTP codec; a connection upgraded to WebSocket drops it. One per channel; runs on
 * its event loop.
 */
final class HttpPipelineSequencer extends ChannelDuplexHandler {
    private final ArrayDeque<HttpObject> held = new ArrayDeque<>();
    /** A request was passed on and its final answer has not been written yet. */
    private boolean answering;
    private boolean paused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject o && (!held.isEmpty() || answering && msg instanceof HttpRequest)) {
            held.add(o);
            if (!paused) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        if (msg instanceof HttpRequest) {
            answering = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean last = msg instanceof LastHttpContent && !(msg instanceof HttpResponse r && isInterim(r));
        ctx.write(msg, promise);
        if (last && answering) {
            answering = false;
            // Not from inside this write: a handler answering the next request at once would recurse.
            ctx.executor().execute(() -> releaseNext(ctx));
        }
    }

    private static boolean isInterim(HttpResponse r) {
        return r.status().codeClass() == HttpStatusClass.INFORMATIONAL
                && r.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }

    /** Passes on the next held request and its content, up to the request after it. */
    private void releaseNext(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        boolean passed = false;
        HttpObject o;
        while ((o = held.peek()) != null && !(answering && o instanceof HttpRequest)) {
            held.poll();
            if (o instanceof HttpRequest) {
                answering = true;
            }
            passed = true;
            ctx.fireChannelRead(o);
        }
        if (passed) {
            ctx.fireChannelReadComplete();
        }
        if (held.isEmpty() && paused) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseHeld();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
        if (paused) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void releaseHeld() {
        HttpObject o;
        while ((o = held.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    /** Requests waiting for the answer before them (for tests). */
    int heldCount() {
        return held.size();
    }
}
