package io.kefu.client;

import io.kefu.protocol.Body;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A fake of the Kefu server, just enough of the contract to test the SDK's own logic: {@code hello},
 * {@code send} (stored with a seq, deduplicated by cmid, pushed to every connection), {@code sync},
 * {@code history}, {@code open}, {@code ping}; every other request is answered with an empty
 * {@code ok}. Tests steer it (hold or fail answers, push, drop or close connections) and read what it
 * received. Netty on a loopback port chosen by the OS.
 */
final class FakeKefuServer implements AutoCloseable {
    static final String USER = "b1";

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;

    final List<Frame> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();
    final List<Integer> clientCloseCodes = new CopyOnWriteArrayList<>();
    final List<String> subprotocols = new CopyOnWriteArrayList<>();

    volatile int heartbeatSec;
    volatile String rejectedToken = "bad-token";
    final AtomicInteger refuseConnections = new AtomicInteger();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<Runnable> heldAnswers = new ArrayList<>();
    private final Map<String, ErrorCode> failures = new ConcurrentHashMap<>();

    private final Map<String, List<Msg>> messages = new LinkedHashMap<>();
    private final Map<String, Msg> byCmid = new HashMap<>();

    FakeKefuServer() throws InterruptedException {
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/ws").subprotocols("kefu.v1.json,kefu.v1.bin")
                                        .handleCloseFrames(false).dropPongFrames(false)
                                        .sendCloseFrame(null).build()),
                                new FakeServerHandler(FakeKefuServer.this));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) serverChannel.localAddress()).getPort() + "/ws");
    }

    // ---- steering ----

    /** Answers to requests of this type are kept until {@link #releaseHeldAnswers()} (or forever). */
    void holdAnswers(String type) {
        held.add(type);
    }

    void releaseHeldAnswers() {
        held.clear();
        List<Runnable> answers;
        synchronized (this) {
            answers = new ArrayList<>(heldAnswers);
            heldAnswers.clear();
        }
        answers.forEach(Runnable::run);
    }

    /** Stops holding answers and forgets the ones held: they were lost with their connection. */
    void discardHeldAnswers() {
        held.clear();
        synchronized (this) {
            heldAnswers.clear();
        }
    }

    /** Requests of this type are answered with an {@code error} of this code. */
    void fail(String type, ErrorCode code) {
        failures.put(type, code);
    }

    /** Pushes a frame to every connection. */
    void push(Frame frame) {
        clients.forEach(ch -> FakeServerHandler.write(ch, frame));
    }

    /** Stores a message from the agent without pushing it: a push the client missed. */
    synchronized Msg appendMissed(String conv, String text) {
        return store(conv, null, "text", Body.text(text), new Party(PartyType.AGENT, "a1"));
    }

    /** Stores a message from the agent and pushes it. */
    Msg appendAndPush(String conv, String text) {
        Msg msg = appendMissed(conv, text);
        push(msg);
        return msg;
    }

    /** Ends every connection without a close frame, as a network failure would. */
    void dropConnections() {
        clients.forEach(Channel::close);
    }

    /** Ends every connection with a close frame, as the server does on 4408, 4429... */
    void closeConnections(int code, String reason) {
        clients.forEach(ch -> ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> ch.close()));
    }

    /** Sends a WebSocket ping to every connection. */
    void pingClients() {
        clients.forEach(ch -> ch.writeAndFlush(new PingWebSocketFrame()));
    }

    // ---- inspection ----

    <F extends Frame> List<F> received(Class<F> type) {
        return received.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    synchronized List<Msg> messages(String conv) {
        return List.copyOf(messages.getOrDefault(conv, List.of()));
    }

    // ---- used by FakeServerHandler ----

    void connected(Channel ch, String subprotocol) {
        subprotocols.add(subprotocol);
        connections.incrementAndGet();
        clients.add(ch);
    }

    boolean isHeld(String type, Runnable answer) {
        if (!held.contains(type)) {
            return false;
        }
        synchronized (this) {
            heldAnswers.add(answer);
        }
        return true;
    }

    Optional<ErrorCode> failure(String type) {
        return Optional.ofNullable(failures.get(type));
    }

    /** A message as stored by a {@code send}: {@code fresh} is false when the cmid was seen before. */
    record Stored(Msg msg, boolean fresh) {
    }

    /** Stores a client's message, or returns the one stored earlier with the same cmid. */
    synchronized Stored storeOnce(String conv, String cmid, String kind, Body body) {
        Msg earlier = byCmid.get(cmid);
        return earlier != null ? new Stored(earlier, false)
                : new Stored(store(conv, cmid, kind, body, new Party(PartyType.BUYER, USER)), true);
    }

    synchronized List<ConvSummary> conversations() {
        return messages.entrySet().stream()
                .map(e -> new ConvSummary(e.getKey(), "s1", ConvState.ASSIGNED, e.getValue().size()))
                .collect(Collectors.toList());
    }

    private Msg store(String conv, String cmid, String kind, Body body, Party from) {
        List<Msg> list = messages.computeIfAbsent(conv, c -> new ArrayList<>());
        Msg msg = new Msg(conv, list.size() + 1, from, kind, body, System.currentTimeMillis(), cmid);
        list.add(msg);
        if (cmid != null) {
            byCmid.put(cmid, msg);
        }
        return msg;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
