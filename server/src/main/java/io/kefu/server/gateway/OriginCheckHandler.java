package io.kefu.server.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * Refuses WebSocket upgrades from browser origins not on the allow-list (403), so another site's page
 * cannot open a session with a buyer's token. An empty list allows any origin; requests without an
 * {@code Origin} header (non-browser clients) pass. Shared; runs on event loops.
 */
@Sharable
final class OriginCheckHandler extends ChannelInboundHandlerAdapter {
    private final List<String> allowed;

    OriginCheckHandler(List<String> allowed) {
        this.allowed = allowed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!allowed.isEmpty() && msg instanceof FullHttpRequest req
                && req.headers().contains(HttpHeaderNames.UPGRADE)) {
            String origin = req.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !allowed.contains(origin)) {
                HttpResponses.error(ctx, null, HttpResponseStatus.FORBIDDEN, "forbidden",
                        "origin " + origin + " is not allowed");
                req.release();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
