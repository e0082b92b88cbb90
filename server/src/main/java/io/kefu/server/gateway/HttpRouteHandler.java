package io.kefu.server.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Plain HTTP requests that are not a WebSocket upgrade: {@code /health}, {@code /metrics}; requests under
 * {@code /api/} go on to the API handler; anything else is a JSON 404. A request the decoder could not
 * read is a JSON 400 (414, 431 when too long) and the connection is closed. Shared; runs on event loops (a
 * Prometheus scrape is CPU work over in-memory meters).
 */
@Sharable
final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier draining;
    private final IntSupplier sessions;

    HttpRouteHandler(PrometheusMeterRegistry registry, BooleanSupplier draining, IntSupplier sessions) {
        this.registry = registry;
        this.draining = draining;
        this.sessions = sessions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            malformed(ctx, req.decoderResult().cause());
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (path.startsWith("/api/")) {
            ctx.fireChannelRead(req.retain());
            return;
        }
        if ((path.equals("/health") || path.equals("/metrics"))
                && !req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            HttpResponses.methodNotAllowed(ctx, req, path, HttpMethod.GET, HttpMethod.HEAD);
            return;
        }
        switch (path) {
            case "/health" -> {
                boolean down = draining.getAsBoolean();
                HttpResponses.json(ctx, req, down ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK,
                        "{\"status\":\"" + (down ? "draining" : "up") + "\",\"sessions\":" + sessions.getAsInt() + "}");
            }
            case "/metrics" -> HttpResponses.send(ctx, req, HttpResponseStatus.OK,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
            case "/ws" -> HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad_frame",
                    "/ws expects a WebSocket upgrade (GET with Upgrade: websocket)");
            default -> HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "not_found",
                    "no such path: " + path);
        }
    }

    /** The decoder could not read the request; it reads nothing more on this connection, so close it. */
    private static void malformed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            HttpResponses.error(ctx, null, HttpResponseStatus.REQUEST_URI_TOO_LONG, "too_large",
                    "request line is too long: " + cause.getMessage());
        } else if (cause instanceof TooLongHttpHeaderException) {
            HttpResponses.error(ctx, null, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too_large",
                    "request headers are too large: " + cause.getMessage());
        } else {
            HttpResponses.error(ctx, null, HttpResponseStatus.BAD_REQUEST, "bad_frame",
                    "malformed HTTP request: " + cause.getMessage());
        }
    }
}
