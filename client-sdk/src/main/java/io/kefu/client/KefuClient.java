package io.kefu.client;

import io.kefu.protocol.Codecs;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.HelloResult;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/**
 * A connection to a Kefu server for one user (buyer, agent, supervisor), built with {@link #builder()}.
 *
 * <p>{@link #connect()} performs the WebSocket handshake (offering the {@link Encoding}'s sub-protocol)
 * and {@code hello}. {@link #request(Frame)} gives a frame a request id and completes with the server's
 * {@code ok} result; an {@code error} answer fails it with {@link KefuClientException}, no answer within
 * the request timeout with {@link RequestTimeoutException}, a lost connection with
 * {@link ConnectionClosedException}. Requests made before {@code hello} succeeds (or while
 * reconnecting) are held and written once it does. The client answers the server's WebSocket pings
 * and sends a {@code ping} frame every {@code heartbeatSec / 2} so the server never closes it as idle.
 *
 * <p>Pushes go to the {@link KefuListener}; {@code msg} pushes are delivered per conversation in
 * {@code seq} order, gaps filled with {@code sync}; a {@code sync} refused with {@code overloaded},
 * {@code rate_limited} or {@code internal} (a shop moving between cluster nodes) is tried again after the
 * reconnect backoff, up to 8 times in a row, before the gap is given up and what waits is delivered past
 * it. With {@link Builder#autoReconnect(boolean)}, a
 * dropped connection is re-opened with exponential backoff and jitter; after the new {@code hello} the
 * client syncs every conversation it knows and re-sends unanswered {@code send}s with their original
 * {@code cmid}, completing the original futures. It does not reconnect after 4401 or 4403, nor after
 * {@link #close()}. Other requests in flight when the connection drops fail (they may have been applied).
 *
 * <p><b>Threading:</b> methods may be called from any thread. Each client is pinned to one event loop
 * of its group ({@link #eventLoop()}); its state lives there, and its futures complete and its listener
 * runs there. Do not block in a listener or in a non-async stage of a returned future; use the
 * {@code *Async} stages, or your own executor, for slow work.
 *
 * <pre>{@code
 * KefuClient client = KefuClient.builder()
 *         .uri("ws://localhost:8080/ws")
 *         .token(buyerJwt)
 *         .encoding(Encoding.BINARY)
 *         .autoReconnect(true)
 *         .listener(new KefuListener() {
 *             public void onMessage(Msg msg) {
 *                 ui.show(msg);            // on the event loop: hand off anything slow
 *             }
 *         })
 *         .build();
 * client.connect().join();                 // not on an event loop
 * BuyerSession buyer = new BuyerSession(client);
 * String conv = buyer.open("s1", new Entry(Entry.ORDER, "o-1001"), "Where is my parcel?").join().conv();
 * buyer.sendText(conv, "It was due yesterday").thenAccept(sent -> log.info("stored as {}", sent.seq()));
 * }</pre>
 */
public final class KefuClient {
    private final ClientConfig config;
    private final EventLoop loop;
    private final ConnectionSupervisor supervisor;

    private KefuClient(ClientConfig config, EventLoopGroup group, FrameCodec codec) {
        this.config = config;
        this.loop = group.next();
        this.supervisor = new ConnectionSupervisor(config, group, loop, codec);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the connection and sends {@code hello}. Completes with the session, or fails with the
     * {@link KefuClientException} the server answered {@code hello} with, a
     * {@link ConnectionClosedException}, or the connect/handshake error. May be called once; the first
     * connect is not retried, even with auto-reconnect.
     */
    public CompletableFuture<HelloResult> connect() {
        CompletableFuture<HelloResult> result = new CompletableFuture<>();
        onLoop(result, () -> supervisor.connect(result));
        return result;
    }

    /**
     * Sends a client frame as a request: the client sets its {@code id} (any id in {@code frame} is
     * replaced) and completes the future with the answer's result.
     *
     * @throws IllegalArgumentException when {@code frame} is not one a client sends (an answer, a push)
     */
    public CompletableFuture<OkResult> request(Frame frame) {
        RequestFrames.withId(Objects.requireNonNull(frame, "frame"), null);
        CompletableFuture<OkResult> result = new CompletableFuture<>();
        onLoop(result, () -> supervisor.submit(frame, result));
        return result;
    }

    /**
     * {@link #request(Frame)} with the result type checked: fails with {@link IllegalStateException} when
     * the server answers with another result type.
     */
    public <R extends OkResult> CompletableFuture<R> request(Frame frame, Class<R> resultType) {
        return request(frame).thenApply(r -> {
            if (!resultType.isInstance(r)) {
                throw new IllegalStateException(frame.type() + " was answered with " + r + ", expected a "
                        + resultType.getSimpleName());
            }
            return resultType.cast(r);
        });
    }

    /**
     * Writes a frame that expects no answer ({@code typing}, or {@code read} without id), as is. Completes
     * when written; fails with {@link ConnectionClosedException} when not connected.
     */
    public CompletableFuture<Void> sendOneWay(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        CompletableFuture<Void> written = new CompletableFuture<>();
        onLoop(written, () -> supervisor.submitOneWay(frame, written));
        return written;
    }

    /**
     * Closes the connection with 1000 and stops reconnecting; pending requests fail with
     * {@link ConnectionClosedException}. Completes when the connection is closed. Idempotent.
     */
    public CompletableFuture<Void> close() {
        onLoop(supervisor.closeFuture(), supervisor::close);
        return supervisor.closeFuture();
    }

    /** {@code true} between a successful {@code hello} and the end of that connection. */
    public boolean isConnected() {
        return supervisor.state() == ConnectionSupervisor.State.CONNECTED;
    }

    /** {@code true} once {@link #close()} was called or the client gave up (first connect failed, 4401...). */
    public boolean isClosed() {
        return supervisor.state() == ConnectionSupervisor.State.CLOSED;
    }

    /** The answer to the latest successful {@code hello}, empty before the first. */
    public Optional<HelloResult> session() {
        return Optional.ofNullable(supervisor.hello());
    }

    public URI uri() {
        return config.uri();
    }

    public Encoding encoding() {
        return config.encoding();
    }

    /** The event loop this client's state, futures and listener run on. */
    public EventLoop eventLoop() {
        return loop;
    }

    private void onLoop(CompletableFuture<?> result, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the client's event loop is shut down", e));
        }
    }

    /**
     * Builds a {@link KefuClient}. {@link #uri} and {@link #token} are required; every other setting
     * has a default. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private URI uri;
        private String token;
        private Encoding encoding = Encoding.JSON;
        private EventLoopGroup group;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private boolean autoReconnect;
        private Duration reconnectInitialDelay = Duration.ofMillis(250);
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private int maxFramePayloadLength = 1024 * 1024;
        private SslContext sslContext;
        private KefuListener listener = KefuListener.NONE;

        private Builder() {
        }

        /** The server's WebSocket endpoint, {@code ws://host:port/ws} (or {@code wss://}). Required. */
        public Builder uri(String uri) {
            return uri(URI.create(Objects.requireNonNull(uri, "uri")));
        }

        public Builder uri(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** The JWT sent in {@code hello}. Required. */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** JSON (default) or binary frames. */
        public Builder encoding(Encoding encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /**
         * The event loops to run on; the client uses one of them. Share a group between many clients
         * (a load harness opens thousands on one group); its owner shuts it down. An
         * {@link EpollEventLoopGroup} gets epoll channels, any other group NIO ones. Default: a group
         * shared by all clients built without one, created on first use, epoll when available.
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** Bounds the TCP connect and the WebSocket handshake, each (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a request, {@code hello} included, waits for its answer (default 15 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Reconnect and resume after the connection drops (default off). */
        public Builder autoReconnect(boolean autoReconnect) {
            this.autoReconnect = autoReconnect;
            return this;
        }

        /**
         * Reconnect delays: {@code initial} doubling per failed attempt up to {@code max}, each with a
         * random half taken off (defaults 250 ms and 30 s).
         */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectInitialDelay = positive(initial, "reconnectBackoff initial");
            this.reconnectMaxDelay = positive(max, "reconnectBackoff max");
            return this;
        }

        /**
         * Largest frame accepted from the server, after reassembly (default 1 MiB). A larger one closes
         * the connection with 1009; keep this at least as large as the server's limit, since a
         * {@code sync} answer carries many messages in one frame.
         */
        public Builder maxFramePayloadLength(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxFramePayloadLength must be positive, was " + bytes);
            }
            this.maxFramePayloadLength = bytes;
            return this;
        }

        /** TLS settings for {@code wss://} (default: the JDK's trust store). */
        public Builder sslContext(SslContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** Receives pushes and lifecycle events on the client's event loop (default: none). */
        public Builder listener(KefuListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Validates the settings and builds an unconnected client. */
        public KefuClient build() {
            URI target = validUri();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("token is required");
            }
            FrameCodec codec = Codecs.forSubprotocol(encoding.subprotocol()).orElseThrow(() ->
                    new IllegalStateException("encoding " + encoding + ": this build has no codec for "
                            + encoding.subprotocol()));
            ClientConfig config = new ClientConfig(target, token, encoding, connectTimeout, requestTimeout,
                    autoReconnect, new Backoff(reconnectInitialDelay, reconnectMaxDelay), maxFramePayloadLength,
                    tlsContext(target), listener);
            return new KefuClient(config, group != null ? group : SharedEventLoopGroup.get(), codec);
        }

        private URI validUri() {
            if (uri == null) {
                throw new IllegalStateException("uri is required, e.g. ws://localhost:8080/ws");
            }
            String scheme = uri.getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
                throw new IllegalStateException("uri must start with ws:// or wss://, was " + uri);
            }
            if (uri.getHost() == null) {
                throw new IllegalStateException("uri has no host: " + uri);
            }
            return uri;
        }

        private SslContext tlsContext(URI target) {
            if (!"wss".equals(target.getScheme())) {
                return null;
            }
            if (sslContext != null) {
                return sslContext;
            }
            try {
                return SslContextBuilder.forClient().build();
            } catch (SSLException e) {
                throw new IllegalStateException("uri " + target + ": could not set up TLS: " + e.getMessage(), e);
            }
        }

        private static Duration positive(Duration d, String setting) {
            Objects.requireNonNull(d, setting);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, was " + d);
            }
            return d;
        }
    }
}
