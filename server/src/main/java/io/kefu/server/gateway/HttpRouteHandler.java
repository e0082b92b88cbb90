package io.kefu.server.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Plain HTTP requests that are not a WebSocket upgrade: {@code /health}, {@code /metrics}; requests under
 * {@code /api/} go on to the API handler; anything else is a JSON 404; a path with a bad {@code %}-escape a
 * JSON 400 (what the decoder could not read never gets here: see {@link MalformedRequestHandler}). Shared;
 * runs on event loops (a Prometheus scrape is CPU work over in-memory meters).
 */
@Sharable
final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier draining;
    private final IntSupplier sessions;
    private final NodeHealth node;

    HttpRouteHandler(PrometheusMeterRegistry registry, BooleanSupplier draining, IntSupplier sessions) {
        this(registry, draining, sessions, NodeHealth.ALONE);
    }

    HttpRouteHandler(PrometheusMeterRegistry registry, BooleanSupplier draining, IntSupplier sessions,
                     NodeHealth node) {
        this.node = node;
        this.registry = registry;
        this.draining = draining;
        this.sessions = sessions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path;
        try {
            path = new QueryStringDecoder(req.uri()).path();
        } catch (IllegalArgumentException e) {
            // A bad %-escape: QueryStringDecoder decodes lazily and throws here, which answered nothing.
            HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad_frame",
                    "malformed request URI: " + e.getMessage());
            return;
        }
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
                boolean draining = this.draining.getAsBoolean();
                boolean down = draining || !node.serving();
                String cluster = node.clusterJson();
                HttpResponses.json(ctx, req, down ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK,
                        "{\"status\":\"" + (draining ? "draining" : down ? "no_lease" : "up") + "\",\"sessions\":"
                                + sessions.getAsInt() + (cluster == null ? "" : ",\"cluster\":" + cluster) + "}");
            }
            case "/metrics" -> HttpResponses.send(ctx, req, HttpResponseStatus.OK,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
            case "/ws" -> HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad_frame",
                    "/ws expects a WebSocket upgrade (GET with Upgrade: websocket)");
            default -> HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "not_found",
                    "no such path: " + path);
        }
    }
}
