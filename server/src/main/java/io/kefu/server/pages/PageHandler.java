package io.kefu.server.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.demo.DemoInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Serves the pages ({@link StaticPages}) and the demo's two JSON answers ({@code /demo/shop},
 * {@code /demo/buyer}); every other request goes on down the pipeline untouched. Files come from memory
 * with a strong ETag ({@code 304} on a matching {@code If-None-Match}), gzipped when the browser accepts
 * it, and with a Content-Security-Policy that lets a page load nothing from another origin.
 * Shared; runs on event loops (no I/O but the socket: the files were read at start).
 */
@Sharable
public final class PageHandler extends ChannelInboundHandlerAdapter {
    static final String CACHE_CONTROL = "no-cache";
    static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StaticPages pages;
    private final DemoAccess demo;
    private final List<String> allowedOrigins;
    private final ContentSecurityPolicy csp;

    /** @param allowedOrigins {@code KEFU_ALLOWED_ORIGINS}: who may frame the widget and import kefu.js (empty: anyone) */
    public PageHandler(StaticPages pages, DemoAccess demo, List<String> allowedOrigins) {
        this.pages = pages;
        this.demo = demo;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.csp = new ContentSecurityPolicy(allowedOrigins);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || req.decoderResult().isFailure()) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(req.uri()).path();
        } catch (IllegalArgumentException badEscape) {
            ctx.fireChannelRead(msg); // the route handler answers a malformed URI
            return;
        }
        Optional<StaticPage> page = pages.find(path);
        boolean demoCall = path.equals("/demo/shop") || path.equals("/demo/buyer");
        if (page.isEmpty() && !demoCall) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                send(ctx, req, error(HttpResponseStatus.METHOD_NOT_ALLOWED, "bad_frame",
                        "method " + req.method() + " is not allowed on " + path + "; use GET or HEAD"), true);
                return;
            }
            if (demoCall) {
                send(ctx, req, demoAnswer(path, new QueryStringDecoder(req.uri())), false);
            } else {
                send(ctx, req, serve(req, page.get()), false);
            }
        } finally {
            req.release();
        }
    }

    private FullHttpResponse serve(FullHttpRequest req, StaticPage page) {
        HttpHeaders in = req.headers();
        boolean gzip = page.gzipped() != null && acceptsGzip(in.get(HttpHeaderNames.ACCEPT_ENCODING));
        FullHttpResponse res;
        if (page.etag().equals(in.get(HttpHeaderNames.IF_NONE_MATCH))) {
            res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
        } else {
            byte[] body = gzip ? page.gzipped() : page.body();
            boolean head = req.method().equals(HttpMethod.HEAD);
            res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType());
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (gzip) {
                res.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
            }
        }
        HttpHeaders out = res.headers();
        out.set(HttpHeaderNames.ETAG, page.etag());
        out.set(HttpHeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        out.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        out.set("X-Content-Type-Options", "nosniff");
        // Widget URLs carry a buyer token: never hand it to another site in a Referer.
        out.set("Referrer-Policy", "no-referrer");
        out.set("Content-Security-Policy", csp.forPath(page.path()));
        if (page.path().equals("/kefu.js")) {
            allowOrigin(in.get(HttpHeaderNames.ORIGIN), out);
        }
        return res;
    }

    /** kefu.js may be imported as a module by pages of allowed origins, which needs CORS. */
    private void allowOrigin(String origin, HttpHeaders out) {
        if (origin != null && (allowedOrigins.isEmpty() || allowedOrigins.contains(origin))) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            out.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }

    private FullHttpResponse demoAnswer(String path, QueryStringDecoder query) {
        Optional<DemoInfo> info = demo.demo();
        if (info.isEmpty()) {
            return error(HttpResponseStatus.NOT_FOUND, "not_found",
                    "no demo shop: the server runs with KEFU_DEMO=false, or is still seeding it");
        }
        ObjectNode body = JSON.createObjectNode().put("shopId", info.get().shopId())
                .put("shopName", info.get().shopName());
        if (path.equals("/demo/buyer")) {
            List<String> wanted = query.parameters().get("buyer");
            String buyerId = demo.buyerId(wanted == null ? null : wanted.get(0));
            body.put("buyerId", buyerId).put("token", demo.buyerToken(buyerId));
        }
        return json(HttpResponseStatus.OK, body.toString());
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        FullHttpResponse res = json(status, JSON.createObjectNode().put("code", code).put("message", message).toString());
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        return res;
    }

    private static FullHttpResponse json(HttpResponseStatus status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return res;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res, boolean close) {
        if (!close && HttpUtil.isKeepAlive(req)) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res, ctx.voidPromise());
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
