package io.kefu.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes complete HTTP responses, honouring keep-alive. Call on any thread; Netty queues the write. */
public final class HttpResponses {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private HttpResponses() {
    }

    public static void send(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String contentType,
                            byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        boolean keepAlive = req != null && HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res, ctx.voidPromise());
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public static void json(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String json) {
        send(ctx, req, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A contract error body: {@code {"code":..,"message":..}}. */
    public static void error(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String code,
                             String message) {
        var body = JSON.createObjectNode().put("code", code).put("message", message);
        send(ctx, req, status, "application/json; charset=utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
