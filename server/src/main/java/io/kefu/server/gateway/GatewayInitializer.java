package io.kefu.server.gateway;

import io.kefu.protocol.Codecs;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Assembles a connection's pipeline, nothing else. HTTP and WebSocket share the port: the protocol
 * handler takes upgrades to {@code /ws}; other requests go to the pages, the HTTP route handler and the API.
 */
public final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    public static final String WS_PATH = "/ws";
    /** How long a server-initiated close waits for the client's close frame before dropping TCP. */
    static final long FORCE_CLOSE_MS = 2_000;

    private final GatewayContext gw;
    private final ConnectionLimitHandler connectionLimit;
    private final HttpRouteHandler httpRoutes;
    private final OriginCheckHandler originCheck;
    private final HttpErrorBodyHandler httpErrorBody;
    private final MalformedRequestHandler malformedRequest = new MalformedRequestHandler();
    private final Supplier<ChannelHandler> apiHandler;
    private final ChannelHandler pages;
    private final HttpRequestMeters httpMeters;
    private final WebSocketServerProtocolConfig wsConfig;

    public GatewayInitializer(GatewayContext gw, ConnectionLimitHandler connectionLimit,
                              PrometheusMeterRegistry registry, BooleanSupplier draining,
                              Supplier<ChannelHandler> apiHandler, HttpRequestMeters httpMeters,
                              ChannelHandler pages) {
        this(gw, connectionLimit, registry, draining, apiHandler, httpMeters, pages, NodeHealth.ALONE);
    }

    public GatewayInitializer(GatewayContext gw, ConnectionLimitHandler connectionLimit,
                              PrometheusMeterRegistry registry, BooleanSupplier draining,
                              Supplier<ChannelHandler> apiHandler, HttpRequestMeters httpMeters,
                              ChannelHandler pages, NodeHealth health) {
        this.gw = gw;
        this.pages = pages;
        this.httpMeters = httpMeters;
        this.connectionLimit = connectionLimit;
        this.httpRoutes = new HttpRouteHandler(registry, draining, gw.sessions()::size, health);
        this.originCheck = new OriginCheckHandler(gw.limits().allowedOrigins());
        this.httpErrorBody = new HttpErrorBodyHandler(gw.limits().maxHttpBodyBytes());
        this.apiHandler = apiHandler;
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WS_PATH)
                .checkStartsWith(true)
                .subprotocols(Codecs.JSON_SUBPROTOCOL + "," + Codecs.BINARY_SUBPROTOCOL)
                .maxFramePayloadLength(gw.limits().maxFrameBytes())
                .handshakeTimeoutMillis(10_000)
                .forceCloseTimeoutMillis(FORCE_CLOSE_MS)
                .allowExtensions(false)
                .dropPongFrames(true)
                .build();
    }

    /** Handlers that serve HTTP requests only; a connection upgraded to WebSocket drops them. */
    static final java.util.List<String> HTTP_ONLY = java.util.List.of("httpRequestStart", "httpRequestTimeout",
            "httpErrorBody", "httpSequencer", "malformedRequest", "httpMetrics", "originCheck", "apiCors", "pages",
            "httpRoutes", "api");

    @Override
    protected void initChannel(SocketChannel ch) {
        int heartbeat = gw.limits().heartbeatSec();
        ChannelPipeline p = ch.pipeline();
        p.addLast("connectionLimit", connectionLimit);
        // Reader idle only: the first idle period sends a ping, the second closes (see WebSocketSessionHandler).
        p.addLast("idleStateHandler", new IdleStateHandler(heartbeat, 0, 0));
        HttpRequestTimeoutHandler requestTimeout = new HttpRequestTimeoutHandler(gw.limits().httpRequestTimeoutSec());
        p.addLast("httpRequestStart", requestTimeout.bytesWatcher());
        p.addLast("httpCodec", new HttpServerCodec());
        // Next to the codec, so the aggregator's and the WebSocket handshake's error answers pass it.
        p.addLast("httpErrorBody", httpErrorBody);
        p.addLast("httpRequestTimeout", requestTimeout);
        // Before everything that answers, so that every answer leaves in request order.
        p.addLast("httpSequencer", new HttpPipelineSequencer());
        p.addLast("malformedRequest", malformedRequest);
        p.addLast("httpAggregator", new HttpObjectAggregator(gw.limits().maxHttpBodyBytes()));
        p.addLast("httpMetrics", new HttpMetricsHandler(httpMeters));
        p.addLast("originCheck", originCheck);
        p.addLast("apiCors", new ApiCorsHandler(gw.limits().allowedOrigins()));
        p.addLast("wsProtocol", new WebSocketServerProtocolHandler(wsConfig));
        p.addLast("wsAggregator", new WebSocketFrameAggregator(gw.limits().maxFrameBytes()));
        p.addLast("wsSession", new WebSocketSessionHandler(gw));
        p.addLast("pages", pages);
        p.addLast("httpRoutes", httpRoutes);
        p.addLast("api", apiHandler.get());
    }
}
