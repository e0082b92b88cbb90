package io.kefu.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bare Netty WebSocket server implementing {@code RELAY.md}: clients connect to
 * {@code /relay?id=<id>} and every text or binary frame goes, unchanged, to the connection its target
 * id names. No auth, routing, storage or acks: the ceiling Kefu's full path is measured against.
 * {@code GET /metrics} on the same port gives its connections and memory. One boss thread and
 * {@code threads} event loops (epoll where available); the relay's state is a concurrent map.
 *
 * <p>Start in-process with {@link #start}, or from the command line:
 * {@code java -cp kefu-load.jar io.kefu.load.BaselineRelay --port 9090}.
 */
public final class BaselineRelay implements AutoCloseable {
    public static final String PATH = "/relay";
    private static final int MAX_FRAME = 1 << 20;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final AtomicInteger connections = new AtomicInteger();

    private BaselineRelay(String host, int port, int threads, int maxOutboundBytes) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("relay-boss", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("relay-boss", true));
        DefaultThreadFactory io = new DefaultThreadFactory("relay-io", true);
        workers = epoll ? new EpollEventLoopGroup(threads, io) : new NioEventLoopGroup(threads, io);
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        RelayRegistry registry = new RelayRegistry();
        RelayHttpHandler http = new RelayHttpHandler(connections::get);
        try {
            server = new ServerBootstrap().group(boss, workers).channel(type)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(maxOutboundBytes / 2, maxOutboundBytes))
                    .childHandler(new Initializer(registry, http, connections))
                    .bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts a relay; returns once the port is bound.
     *
     * @param port             0 for any free port
     * @param threads          event loops, 0 for Netty's default (twice the cores)
     * @param maxOutboundBytes unsent bytes at which a receiver that does not read is cut off
     */
    public static BaselineRelay start(String host, int port, int threads, int maxOutboundBytes)
            throws InterruptedException {
        return new BaselineRelay(host, port, threads, maxOutboundBytes);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Where clients connect, e.g. {@code ws://127.0.0.1:9090/relay}. */
    public URI uri() {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("ws://" + host + ":" + a.getPort() + PATH);
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    /** Assembles a connection's pipeline: HTTP, the upgrade on {@value #PATH}, metrics, the relay. */
    private static final class Initializer extends ChannelInitializer<Channel> {
        private final RelayRegistry registry;
        private final RelayHttpHandler http;
        private final AtomicInteger connections;

        Initializer(RelayRegistry registry, RelayHttpHandler http, AtomicInteger connections) {
            this.registry = registry;
            this.http = http;
            this.connections = connections;
        }

        @Override
        protected void initChannel(Channel ch) {
            connections.incrementAndGet();
            ch.closeFuture().addListener(f -> connections.decrementAndGet());
            ChannelPipeline p = ch.pipeline();
            p.addLast("httpServerCodec", new HttpServerCodec());
            p.addLast("httpObjectAggregator", new HttpObjectAggregator(16 * 1024));
            p.addLast("webSocketServerProtocolHandler", new WebSocketServerProtocolHandler(
                    WebSocketServerProtocolConfig.newBuilder().websocketPath(PATH).checkStartsWith(true)
                            .maxFramePayloadLength(MAX_FRAME).build()));
            p.addLast("webSocketFrameAggregator", new WebSocketFrameAggregator(MAX_FRAME));
            p.addLast("relayHttpHandler", http);
            p.addLast("relayHandler", new RelayHandler(registry));
        }
    }

    /** {@code BaselineRelay} on the command line: runs until killed. */
    @Command(name = "relay-server", mixinStandardHelpOptions = true,
            description = "Runs the baseline relay (RELAY.md) until killed.")
    static final class Cli implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String host;
        @Option(names = "--port", defaultValue = "9090", description = "Port (default ${DEFAULT-VALUE}; 0 = any).")
        int port;
        @Option(names = "--threads", defaultValue = "0", description = "Event loops (default 0 = 2 x cores).")
        int threads;
        @Option(names = "--max-outbound", defaultValue = "4194304",
                description = "Unsent bytes at which a client that does not read is closed (default ${DEFAULT-VALUE}, Kefu's default).")
        int maxOutbound;

        @Override
        public Integer call() throws InterruptedException {
            BaselineRelay relay = start(host, port, threads, maxOutbound);
            System.out.println("baseline relay listening on " + relay.uri() + " (metrics: http://"
                    + relay.uri().getRawAuthority() + "/metrics)");
            Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-shutdown"));
            new CountDownLatch(1).await();
            return 0;
        }
    }
}
