package io.kefu.server.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes complete HTTP responses, honouring keep-alive. Call on any thread; Netty queues the write. */
public final class HttpResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    public static void send(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String contentType,
                            byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        send(ctx, req, res);
    }

    /** Sends {@code res}, keeping the connection when {@code req} asks for keep-alive; {@code null} closes it. */
    static void send(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse res) {
        send(ctx, req != null && HttpUtil.isKeepAlive(req), res);
    }

    /** Sends {@code res} and then, unless {@code keepAlive}, closes the connection. */
    static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse res) {
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res, ctx.voidPromise());
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public static void json(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String json) {
        send(ctx, req, status, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A contract error body: {@code {"code":..,"message":..}}. */
    public static void error(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String code,
                             String message) {
        send(ctx, req, errorResponse(status, code, message));
    }

    /** 405 with code {@code bad_frame}, a message naming the allowed methods, and an {@code Allow} header. */
    static void methodNotAllowed(ChannelHandlerContext ctx, HttpRequest req, String path, HttpMethod... allowed) {
        FullHttpResponse res = errorResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, ErrorCode.BAD_FRAME.wire(),
                "method " + req.method() + " is not allowed on " + path + "; use "
                        + Arrays.stream(allowed).map(HttpMethod::name).collect(Collectors.joining(" or ")));
        res.headers().set(HttpHeaderNames.ALLOW,
                Arrays.stream(allowed).map(HttpMethod::name).collect(Collectors.joining(", ")));
        send(ctx, req, res);
    }

    /** A contract error response, not yet written: {@code {"code":..,"message":..}}, uncachable. */
    static FullHttpResponse errorResponse(HttpResponseStatus status, String code, String message) {
        byte[] body = JSON.createObjectNode().put("code", code).put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return res;
    }
}
