package io.kefu.server.gateway;

import io.kefu.protocol.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.List;

/**
 * CORS for the HTTP API ({@code /api/...}), so a page on a shop's own site may call it from the browser.
 * Allowed origins are those of {@code KEFU_ALLOWED_ORIGINS}; an empty list allows any origin, and the
 * origin is then echoed as well (never {@code *}), so both cases answer alike.
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is
 *       answered here: 204 with the allow headers, or 403 {@code forbidden} (JSON) for an origin that is
 *       not allowed.</li>
 *   <li>Any other request goes on. When it comes from an allowed origin, its response gets
 *       {@code Access-Control-Allow-Origin} and {@code Vary: Origin}; from another origin, it is answered
 *       without CORS headers, so the browser keeps the answer from that page.</li>
 * </ul>
 * Netty's {@code CorsHandler} does not fit: it applies to every path, answers a preflight with 200 and
 * sends {@code *} for any origin.
 *
 * <p>One per channel; runs on its event loop. HTTP/1.1 answers leave in request order, so this handler
 * numbers the requests it passes on and the responses that pass it, and keeps, in order, the origins to
 * grant and the preflight answers that must wait for earlier responses. Browsers never pipeline; a client
 * that leaves more than {@value #MAX_PENDING} such entries unanswered is disconnected.
 */
final class ApiCorsHandler extends ChannelDuplexHandler {
    static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOW_HEADERS = "Authorization, Content-Type";
    /** How long a browser may cache a preflight answer (browsers cap it; Chromium at 2 h). */
    static final int MAX_AGE_SEC = 3_600;
    static final int MAX_PENDING = 64;

    /** Something to do when {@code responses} reaches {@code at}. */
    private sealed interface Pending permits Grant, Deferred {
        long at();
    }

    /** The response to request number {@code at} gets {@code origin}. */
    private record Grant(long at, String origin) implements Pending {
    }

    /** A preflight answer to write once {@code at} responses have passed. */
    private record Deferred(long at, FullHttpResponse response, boolean keepAlive) implements Pending {
    }

    private final List<String> allowed;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long requests;
    private long responses;

    /** @param allowed browser origins allowed to call the API; empty allows any */
    ApiCorsHandler(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        boolean api = origin != null && req.uri().startsWith("/api/");
        if (api && isPreflight(req)) {
            FullHttpResponse answer = allows(origin) ? preflightAnswer(origin) : refusal(origin);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            req.release();
            if (responses == requests) {
                HttpResponses.send(ctx, keepAlive, answer);
            } else {
                remember(ctx, new Deferred(requests, answer, keepAlive));
            }
            return;
        }
        if (api && allows(origin) && !remember(ctx, new Grant(requests, origin))) {
            req.release();
            return;
        }
        requests++;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof HttpResponse res) || isInterim(res)) {
            ctx.write(msg, promise);
            return;
        }
        if (pending.peek() instanceof Grant grant && grant.at() == responses) {
            pending.poll();
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, grant.origin());
            res.headers().add(HttpHeaderNames.VARY, "Origin");
        }
        responses++;
        ctx.write(msg, promise);
        while (pending.peek() instanceof Deferred d && d.at() == responses) {
            pending.poll();
            // Written from here, so it does not pass this method and is not counted.
            HttpResponses.send(ctx, d.keepAlive(), d.response());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        for (Pending p : pending) {
            if (p instanceof Deferred d) {
                d.response().release();
            }
        }
        pending.clear();
    }

    private boolean allows(String origin) {
        return allowed.isEmpty() || allowed.contains(origin);
    }

    /** {@code false} when too many are pending: the connection is then being closed. */
    private boolean remember(ChannelHandlerContext ctx, Pending p) {
        if (pending.size() >= MAX_PENDING) {
            if (p instanceof Deferred d) {
                d.response().release();
            }
            ctx.close();
            return false;
        }
        pending.add(p);
        return true;
    }

    private static boolean isPreflight(FullHttpRequest req) {
        return req.method().equals(HttpMethod.OPTIONS)
                && req.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** 1xx other than 101 do not answer a request; 101 is the final answer to an upgrade. */
    private static boolean isInterim(HttpResponse res) {
        int code = res.status().code();
        return code >= 100 && code < 200 && code != 101;
    }

    private static FullHttpResponse preflightAnswer(String origin) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER);
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS);
        h.setInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SEC);
        h.set(HttpHeaderNames.VARY, "Origin");
        return res;
    }

    private static FullHttpResponse refusal(String origin) {
        FullHttpResponse res = HttpResponses.errorResponse(HttpResponseStatus.FORBIDDEN, ErrorCode.FORBIDDEN.wire(),
                "origin " + origin + " may not call the API: it is not in the server's allowed origins"
                        + " (KEFU_ALLOWED_ORIGINS)");
        res.headers().set(HttpHeaderNames.VARY, "Origin");
        return res;
    }
}
