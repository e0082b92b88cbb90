package io.kefu.server.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;

/**
 * Times the connection's HTTP requests into {@link HttpRequestMeters}: from the whole request read to
 * its response's head written. One per channel; runs on its event loop. HTTP/1.1 answers in request
 * order, so a queue pairs responses with requests; at most {@value #MAX_PENDING} pipelined requests are
 * timed, later ones until the queue drains are not measured. After a WebSocket upgrade the handler
 * removes itself.
 */
final class HttpMetricsHandler extends ChannelDuplexHandler {
    static final int MAX_PENDING = 64;

    private record Pending(String method, String route, long startNanos) {
    }

    private final HttpRequestMeters meters;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Requests past {@link #MAX_PENDING}, answered after everything in {@link #pending}. */
    private int untimed;

    HttpMetricsHandler(HttpRequestMeters meters) {
        this.meters = meters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req) {
            if (untimed == 0 && pending.size() < MAX_PENDING) {
                pending.add(new Pending(req.method().name(), meters.route(path(req.uri())), System.nanoTime()));
            } else {
                untimed++;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        int status = msg instanceof HttpResponse res ? res.status().code() : 0;
        if (status >= 200 || status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            Pending p = pending.poll();
            if (p != null) {
                meters.record(p.method(), p.route(), status, System.nanoTime() - p.startNanos());
            } else if (untimed > 0) {
                untimed--;
            }
        }
        ctx.write(msg, promise);
        if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            ctx.pipeline().remove(this);
        }
    }

    private static String path(String uri) {
        try {
            return new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return uri; // a bad escape: counted under "other", the API answers 400
        }
    }
}
