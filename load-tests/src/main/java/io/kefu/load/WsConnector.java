package io.kefu.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens the harness's WebSocket connections: a lean raw Netty client (no reconnects, no request
 * tracking) on one shared event loop group, epoll where available, each connection optionally bound to
 * a local source address so one run can hold more connections than one address has ports. Plain
 * {@code ws://} only; several servers (cluster nodes) may be addressed, each connection to the one its URI
 * names. {@link #connect} may be called from any thread (the address map is only read after construction);
 * the work happens on the loops.
 */
final class WsConnector implements AutoCloseable {
    private static final int MAX_FRAME = 1 << 20;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    /** Each server's address by its {@code host:port}, resolved once. */
    private final Map<String, InetSocketAddress> remotes = new HashMap<>();

    /** @param servers a URI of each server (node) connections may go to (host and port are used) */
    WsConnector(int threads, List<URI> servers) {
        for (URI server : servers) {
            if (!"ws".equals(server.getScheme())) {
                throw new IllegalArgumentException("only ws:// is supported, got " + server);
            }
            remotes.put(server.getRawAuthority(),
                    new InetSocketAddress(server.getHost(), server.getPort() < 0 ? 80 : server.getPort()));
        }
        DefaultThreadFactory factory = new DefaultThreadFactory("load-io", true);
        boolean epoll = Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    EventLoopGroup group() {
        return group;
    }

    /**
     * Starts a connection for {@code handler}'s endpoint to the server {@code uri} names (one given to the
     * constructor); failures reach the handler.
     */
    void connect(EndpointHandler handler, URI uri, String subprotocol) {
        InetSocketAddress remote = remotes.get(uri.getRawAuthority());
        if (remote == null) {
            throw new IllegalArgumentException("not a server of this run: " + uri);
        }
        handler.endpoint().attach(handler);
        Bootstrap b = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new Initializer(handler, protocol(uri, subprotocol)));
        InetSocketAddress source = handler.endpoint().source();
        ChannelFuture f = source == null ? b.connect(remote) : b.connect(remote, source);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                handler.fail("connect: " + done.cause().getMessage());
            }
        });
    }

    private static WebSocketClientProtocolConfig protocol(URI uri, String subprotocol) {
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(subprotocol)
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(CONNECT_TIMEOUT_MS)
                .handleCloseFrames(false) // EndpointHandler reads the close code
                .dropPongFrames(true)
                .generateOriginHeader(false)
                .build();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Assembles one connection's pipeline; the protocol handler answers server pings with pongs. */
    private static final class Initializer extends ChannelInitializer<Channel> {
        private final EndpointHandler handler;
        private final WebSocketClientProtocolConfig config;

        Initializer(EndpointHandler handler, WebSocketClientProtocolConfig config) {
            this.handler = handler;
            this.config = config;
        }

        @Override
        protected void initChannel(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast("httpClientCodec", new HttpClientCodec());
            p.addLast("httpObjectAggregator", new HttpObjectAggregator(16 * 1024));
            p.addLast("webSocketClientProtocolHandler", new WebSocketClientProtocolHandler(config));
            p.addLast("webSocketFrameAggregator", new WebSocketFrameAggregator(MAX_FRAME));
            p.addLast("endpointHandler", handler);
        }
    }
}
