package io.kefu.client;

import io.kefu.client.PendingRequests.Pending;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Hello;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Sync;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.EncoderException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one client's connection: WebSocket handshake, {@code hello}, heartbeat, routing of
 * answers and pushes, and with auto-reconnect, reconnecting with backoff and resuming (re-hello, sync,
 * re-send). Confined to the client's event loop: {@link KefuClient} hands every call over to it there.
 */
final class ConnectionSupervisor implements ConnectionEvents, ConversationTracker.Sink {
    private static final Logger log = LoggerFactory.getLogger(ConnectionSupervisor.class);
    private static final Ping PING = new Ping(null);

    enum State { NEW, CONNECTING, CONNECTED, RECONNECTING, CLOSED }

    private final ClientConfig config;
    private final EventLoop loop;
    private final WebSocketConnector connector;
    private final PendingRequests pending;
    private final ConversationTracker tracker = new ConversationTracker(this);
    private final ListenerInvoker listener;
    private final FrameRouter router;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile State state = State.NEW;
    private volatile HelloResult hello;
    private Channel channel;
    private CompletableFuture<HelloResult> firstHello;
    private Throwable helloFailure;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> reconnect;
    private int reconnectAttempt;

    ConnectionSupervisor(ClientConfig config, EventLoopGroup group, EventLoop loop, FrameCodec codec) {
        this.config = config;
        this.loop = loop;
        this.listener = new ListenerInvoker(config.listener());
        this.pending = new PendingRequests(loop, config.requestTimeout().toMillis(), () -> state.name());
        this.connector = new WebSocketConnector(config, group, loop, codec, this);
        this.router = new FrameRouter(pending, tracker, listener, this::hello);
    }

    State state() {
        return state;
    }

    HelloResult hello() {
        return hello;
    }

    CompletableFuture<Void> closeFuture() {
        return closed;
    }

    void connect(CompletableFuture<HelloResult> result) {
        if (state != State.NEW) {
            result.completeExceptionally(new IllegalStateException("connect() was already called; client is " + state));
            return;
        }
        firstHello = result;
        state = State.CONNECTING;
        openChannel();
    }

    /** Writes the request now when connected, holds it until {@code hello} succeeds when (re)connecting. */
    void submit(Frame frame, CompletableFuture<OkResult> result) {
        if (state == State.NEW || state == State.CLOSED) {
            result.completeExceptionally(notConnected());
            return;
        }
        Pending p = pending.track(frame, result);
        if (state == State.CONNECTED) {
            write(channel, p);
        } else {
            pending.await(p);
        }
    }

    void submitOneWay(Frame frame, CompletableFuture<Void> written) {
        if (state != State.CONNECTED) {
            written.completeExceptionally(notConnected());
            return;
        }
        channel.writeAndFlush(frame).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(f.cause());
            }
        });
    }

    void close() {
        if (state == State.CLOSED) {
            return;
        }
        cancel(reconnect);
        cancel(heartbeat);
        ConnectionClosedException e = new ConnectionClosedException(CloseCodes.NORMAL_CLOSURE, "", "client closed");
        giveUp(e, e);
        if (channel != null) {
            channel.close();
        } else {
            closed.complete(null);
        }
    }

    @Override
    public void handshakeComplete(Channel ch) {
        if (ch != channel) {
            return;
        }
        CompletableFuture<OkResult> answer = new CompletableFuture<>();
        write(ch, pending.track(new Hello(null, config.token()), answer));
        answer.whenComplete((result, error) -> helloAnswered(ch, result, error));
    }

    @Override
    public void frameReceived(Channel ch, Frame frame) {
        if (ch != channel) {
            return;
        }
        router.route(frame);
    }

    @Override
    public void connectionClosed(Channel ch, CloseStatus status) {
        if (ch != channel) {
            return;
        }
        channel = null;
        cancel(heartbeat);
        boolean byClient = state == State.CLOSED;
        int code = byClient && status.code() == CloseCodes.ABNORMAL_CLOSURE ? CloseCodes.NORMAL_CLOSURE : status.code();
        String reason = byClient && code == CloseCodes.NORMAL_CLOSURE ? "closed by the client" : status.reason();
        if (!byClient) {
            lost(code, reason, status.failure());
        }
        if (status.established()) {
            listener.disconnected(code, reason);
        }
        if (state == State.CLOSED) {
            closed.complete(null);
        }
    }

    @Override
    public void deliver(Msg msg) {
        listener.message(msg);
    }

    @Override
    public CompletableFuture<OkResult> sync(String conv, long afterSeq) {
        CompletableFuture<OkResult> result = new CompletableFuture<>();
        submit(new Sync(null, conv, afterSeq, null), result);
        return result;
    }

    @Override
    public void retryLater(Runnable retry, int attempt) {
        long delay = config.backoff().delayMillis(attempt, ThreadLocalRandom.current()::nextDouble);
        try {
            loop.schedule(retry, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("not retrying: the client's event loop is shut down");
        }
    }

    /** A connection ended that the client did not close: reconnect, or give up and fail what waits. */
    private void lost(int code, String reason, Throwable failure) {
        ConnectionClosedException e = new ConnectionClosedException(code, reason,
                "connection to " + config.uri() + " closed: " + code + (reason.isEmpty() ? "" : " " + reason));
        boolean wasUp = state == State.CONNECTED || state == State.RECONNECTING;
        if (config.autoReconnect() && wasUp && !refused(code)) {
            state = State.RECONNECTING;
            // After a 1009 one of the in-flight frames was too large: re-sending it would only repeat that.
            pending.connectionLost(e, code != CloseCodes.MESSAGE_TOO_BIG);
            scheduleReconnect();
            return;
        }
        giveUp(e, helloFailure != null ? helloFailure : failure != null ? failure : e);
    }

    /** Closed for good: fails every request with {@code e}, and a pending {@link #connect} with {@code cause}. */
    private void giveUp(ConnectionClosedException e, Throwable cause) {
        state = State.CLOSED;
        pending.failAll(e);
        if (firstHello != null) {
            firstHello.completeExceptionally(cause);
            firstHello = null;
        }
    }

    private boolean refused(int code) {
        if (code == CloseCodes.UNAUTHORIZED || code == CloseCodes.FORBIDDEN) {
            return true;
        }
        return helloFailure instanceof KefuClientException k
                && (k.code() == ErrorCode.UNAUTHORIZED || k.code() == ErrorCode.FORBIDDEN);
    }

    private void openChannel() {
        helloFailure = null;
        ChannelFuture connecting = connector.connect();
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                connectFailed(connecting.channel(), f.cause());
            }
        });
    }

    private void connectFailed(Channel ch, Throwable cause) {
        if (ch != channel) {
            return;
        }
        channel = null;
        log.debug("Could not connect to {}: {}", config.uri(), cause.toString());
        if (state == State.RECONNECTING) {
            scheduleReconnect();
            return;
        }
        if (state == State.CONNECTING) {
            giveUp(new ConnectionClosedException(CloseCodes.ABNORMAL_CLOSURE, cause.toString(),
                    "could not connect to " + config.uri()), cause);
        }
        closed.complete(null);
    }

    private void scheduleReconnect() {
        long delay = config.backoff().delayMillis(reconnectAttempt++, ThreadLocalRandom.current()::nextDouble);
        log.info("Reconnecting to {} in {} ms (attempt {})", config.uri(), delay, reconnectAttempt);
        reconnect = loop.schedule(() -> {
            if (state == State.RECONNECTING) {
                openChannel();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void helloAnswered(Channel ch, OkResult result, Throwable error) {
        if (ch != channel || state == State.CLOSED) {
            return;
        }
        if (error == null && result instanceof HelloResult h) {
            connected(ch, h);
            return;
        }
        helloFailure = error != null ? unwrap(error)
                : new IllegalStateException("hello was answered with " + result + " instead of a session");
        log.warn("hello to {} failed: {}", config.uri(), helloFailure.toString());
        ch.close();
    }

    /** {@code hello} succeeded: resume conversations, write what waited, then tell the application. */
    private void connected(Channel ch, HelloResult h) {
        state = State.CONNECTED;
        hello = h;
        reconnectAttempt = 0;
        if (h.heartbeatSec() > 0) {
            long period = Math.max(1, h.heartbeatSec() * 1000L / 2);
            heartbeat = loop.scheduleAtFixedRate(() -> ch.writeAndFlush(PING), period, period, TimeUnit.MILLISECONDS);
        }
        tracker.resume(h.conversations());
        for (Pending p : pending.takeWaiting()) {
            write(ch, p);
        }
        listener.connected(h);
        if (firstHello != null) {
            firstHello.complete(h);
            firstHello = null;
        }
    }

    private void write(Channel ch, Pending p) {
        Frame wire = pending.toWire(p);
        String id = p.id;
        ch.writeAndFlush(wire).addListener(f -> {
            // A closed channel is handled by connectionClosed (which may re-send); a frame that cannot be
            // encoded fails its request now.
            if (!f.isSuccess() && f.cause() instanceof EncoderException e) {
                pending.fail(id, e.getCause() != null ? e.getCause() : e);
            }
        });
    }

    private ConnectionClosedException notConnected() {
        return new ConnectionClosedException(CloseCodes.ABNORMAL_CLOSURE, "", switch (state) {
            case NEW -> "not connected: call connect() first";
            case CLOSED -> "the client is closed";
            default -> "not connected yet (" + state + "); one-way frames are not held";
        });
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
