package io.kefu.server.gateway;

import io.kefu.protocol.Codecs;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Hello;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.server.base.KefuException;
import io.kefu.server.base.TokenBucket;
import io.kefu.server.auth.JwtService.VerifiedToken;
import io.kefu.server.auth.Principal;
import io.kefu.server.routing.timers.RouterTimers;
import io.kefu.server.session.Connection;
import io.kefu.server.session.Outbox;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after the upgrade: picks the codec the sub-protocol named, requires
 * {@code hello} first, limits the frame rate, answers {@code ping}, and hands every other frame to the
 * {@link io.kefu.server.conversation.FrameDispatcher}. Runs on the channel's event loop; the answers
 * come back from router lanes and store threads and are written through the channel, which is thread-safe.
 */
final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);
    /**
     * Per event loop, the bytes of the frame being decoded: the codecs copy what they keep (strings, numbers), so one
     * array serves every frame instead of a new one each. A frame larger than {@link #SCRATCH_KEPT} gets its own.
     */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[4096];
        }
    };
    private static final int SCRATCH_KEPT = 64 * 1024;
    static final int CLOSE_UNAUTHORIZED = 4401;
    static final int CLOSE_FORBIDDEN = 4403;
    static final int CLOSE_HEARTBEAT = 4408;
    static final int CLOSE_RATE_LIMIT = 4429;
    static final int MAX_CLOSE_REASON_BYTES = 123;

    private final GatewayContext gw;
    private FrameCodec codec = Codecs.json();
    private TokenBucket bucket;
    private int strikes;
    private ScheduledFuture<?> helloTimeout;
    private boolean helloPending;
    /**
     * Frames that arrived while {@code hello} was being answered (its conversations are read off the
     * event loop), handled in order once it succeeds; at most {@code helloBacklog}, then 4401. A client
     * may send {@code hello} and its first requests in one write, so none of them may be dropped.
     */
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private Connection connection;
    private boolean closing;
    /** Closes the session when its token has expired and the grace after it is over; see {@link #hello}. */
    private RouterTimers.Timer tokenExpiry;
    /** The user whose push channel this session holds (from hello until it ends), else null. Event loop only. */
    private String channelHeld;

    WebSocketSessionHandler(GatewayContext gw) {
        this.gw = gw;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hc) {
            dropHttpHandlers(ctx);
            codec = Codecs.forSubprotocol(hc.selectedSubprotocol()).orElse(Codecs.json());
            ctx.pipeline().addBefore(ctx.name(), "frameEncoder", new FrameEncoder(codec, gw.metrics()));
            bucket = new TokenBucket(gw.limits().ratePerSec(), gw.limits().rateBurst(), System.nanoTime());
            helloTimeout = ctx.executor().schedule(() -> {
                if (connection == null) {
                    close(ctx, CLOSE_UNAUTHORIZED, "hello expected within " + gw.limits().helloTimeoutSec() + " s");
                }
            }, gw.limits().helloTimeoutSec(), TimeUnit.SECONDS);
        } else if (evt instanceof io.kefu.server.session.SessionRegistry.CloseRequest request) {
            log.info("closing session user={} code={}: {}", connection == null ? "-" : connection.principal().userId(),
                    request.code(), request.reason());
            close(ctx, request.code(), request.reason());
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (bucket == null) {
                ctx.close(); // plain HTTP keep-alive connection: no pings, an idle one is simply closed
            } else if (idle.isFirst()) {
                // Nothing heard for heartbeatSec: ask. Pushes going out do not count, since a client that
                // only listens must still prove it is alive; its pong is inbound traffic.
                ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
            } else {
                close(ctx, CLOSE_HEARTBEAT, "no traffic for " + gw.limits().heartbeatSec() * 2 + " s");
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    /**
     * The connection speaks WebSocket from now on: the handlers that only serve HTTP requests leave the
     * pipeline, so every frame in and out passes the fewest handlers (each is a hop on the hot path).
     */
    private static void dropHttpHandlers(ChannelHandlerContext ctx) {
        for (String name : GatewayInitializer.HTTP_ONLY) {
            if (ctx.pipeline().get(name) != null) {
                ctx.pipeline().remove(name);
            }
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame msg) {
        if (closing || !(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)) {
            return; // pong, continuation handled by the aggregator, close by the protocol handler
        }
        gw.metrics().frameIn();
        // Decoded before the rate check so that a refused request's error names it (re): a client
        // waiting for that answer learns at once that it may retry.
        boolean allowed = bucket.tryTake(System.nanoTime());
        if (allowed && bucket.isCalm()) {
            strikes = 0;
        }
        if ((msg instanceof TextWebSocketFrame) != codec.text()) {
            refuse(ctx, allowed, null, ErrorCode.BAD_FRAME, "this connection speaks " + codec.subprotocol() + "; send "
                    + (codec.text() ? "text" : "binary") + " frames");
            return;
        }
        Frame frame;
        try {
            frame = decode(msg.content());
        } catch (DecodeException e) {
            refuse(ctx, allowed, e.requestId(), e.code(), e.getMessage());
            return;
        }
        if (!allowed) {
            rateLimited(ctx, frame.id());
            return;
        }
        dispatch(ctx, frame);
    }

    private void dispatch(ChannelHandlerContext ctx, Frame frame) {
        if (connection == null) {
            if (helloPending) {
                hold(ctx, frame);
            } else if (frame instanceof Hello hello) {
                hello(ctx, hello);
            } else {
                reject(ctx, frame.id(), ErrorCode.UNAUTHORIZED, "the first frame must be hello");
            }
            return;
        }
        if (frame instanceof Ping ping) {
            ctx.writeAndFlush(new Pong(ping.id(), gw.clock().millis()), ctx.voidPromise());
            return;
        }
        if (frame instanceof Hello) {
            answer(ctx, frame.id(), null, new KefuException(ErrorCode.INVALID_STATE, "already authenticated"));
            return;
        }
        CompletableFuture<OkResult> result;
        try {
            result = gw.frames().handle(connection.principal(), frame);
        } catch (RuntimeException e) {
            answer(ctx, frame.id(), null, e);
            return;
        }
        result.whenComplete((ok, failure) -> answer(ctx, frame.id(), ok, failure));
    }

    private void hold(ChannelHandlerContext ctx, Frame frame) {
        if (held.size() >= gw.limits().helloBacklog()) {
            held.clear();
            close(ctx, CLOSE_UNAUTHORIZED, "too many frames before hello was answered");
            return;
        }
        held.add(frame);
    }

    /** Hello succeeded: the frames that waited for it, in the order they came. */
    private void releaseHeld(ChannelHandlerContext ctx) {
        Frame frame;
        while (!closing && connection != null && (frame = held.poll()) != null) {
            dispatch(ctx, frame);
        }
    }

    /** Hello failed after it was accepted (e.g. overloaded): what waited for it fails too; hello may be retried. */
    private void failHeld(ChannelHandlerContext ctx) {
        Frame frame;
        while ((frame = held.poll()) != null) {
            gw.metrics().error(ErrorCode.UNAUTHORIZED);
            ctx.write(new ErrorFrame(frame.id(), ErrorCode.UNAUTHORIZED,
                    "hello failed, so this frame was not handled; send hello again"), ctx.voidPromise());
        }
        ctx.flush();
    }

    private void hello(ChannelHandlerContext ctx, Hello hello) {
        VerifiedToken token;
        try {
            token = gw.jwt().verifyToken(hello.token());
        } catch (KefuException e) {
            gw.metrics().hello(GatewayMetrics.HELLO_REJECTED);
            // A disabled agent's token: forbidden, and 4403 so that clients do not reconnect.
            reject(ctx, hello.id(), e.code() == ErrorCode.FORBIDDEN ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHORIZED,
                    e.getMessage());
            return;
        }
        Principal principal = token.principal();
        helloPending = true;
        String sessionId = gw.ids().next();
        channelHeld = principal.userId();
        gw.sessions().hold(principal.userId()).thenCompose(v -> gw.frames().openConversations(principal))
                .whenComplete((list, failure) -> ctx.executor().execute(() -> {
            helloPending = false;
            if (closing || !ctx.channel().isActive()) {
                return; // channelInactive releases the channel held
            }
            if (failure != null) {
                releaseChannel();
                gw.metrics().hello(GatewayMetrics.HELLO_FAILED);
                answer(ctx, hello.id(), null, failure);
                failHeld(ctx);
                return;
            }
            helloTimeout.cancel(false);
            connection = new Connection(ctx.channel(), principal, sessionId, gw.limits().maxOutboundBytes());
            // Registered before the ok is written: a client that has its ok is a session (a shutdown right after
            // tells it to go away). Pushes from other threads still come after the ok: they queue behind this task.
            gw.sessions().add(connection);
            ctx.writeAndFlush(new Ok(hello.id(), new HelloResult(principal.userId(), principal.role(),
                    principal.shopId(), sessionId, gw.limits().heartbeatSec(), gw.clock().millis(), list)));
            expireWithToken(ctx, token);
            gw.frames().staffConnected(principal, sessionId);
            if (revokedMeanwhile(ctx, token)) {
                return;
            }
            gw.metrics().hello(GatewayMetrics.HELLO_OK);
            log.debug("session opened session={} user={} role={}", sessionId, principal.userId(), principal.role().wire());
            releaseHeld(ctx);
        }));
    }

    /** Gives back the user channel this session held (see {@code SessionRegistry#hold}), once. */
    private void releaseChannel() {
        if (channelHeld != null) {
            gw.sessions().release(channelHeld);
            channelHeld = null;
        }
    }

    /**
     * The agent was disabled, or their tokens revoked, while this hello was being answered: the call that did it
     * closes the sessions it finds registered, and this one may have registered just after. Checked once more after
     * registering, so one of the two always closes it.
     */
    private boolean revokedMeanwhile(ChannelHandlerContext ctx, VerifiedToken token) {
        try {
            gw.jwt().staffTokens().check(token.principal(), token.version());
            return false;
        } catch (KefuException e) {
            close(ctx, e.code() == ErrorCode.FORBIDDEN ? CLOSE_FORBIDDEN : CLOSE_UNAUTHORIZED, e.getMessage());
            return true;
        }
    }

    /**
     * A session must not outlive its token (HTTP refuses the same token once it expired): once it has been
     * expired for {@code tokenGraceSec}, the session is closed with 4401 and the client reconnects with a
     * fresh one. On the server's timers, so its clock rules (a test's manual clock too).
     */
    private void expireWithToken(ChannelHandlerContext ctx, VerifiedToken token) {
        long closeAt = token.expiresAt().toEpochMilli() + gw.limits().tokenGraceSec() * 1_000L;
        tokenExpiry = gw.timers().schedule(closeAt, () -> ctx.executor().execute(() -> {
            if (connection != null) {
                close(ctx, CLOSE_UNAUTHORIZED, "token expired; reconnect with a fresh token");
            }
        }));
    }

    private void answer(ChannelHandlerContext ctx, String re, OkResult ok, Throwable failure) {
        if (failure == null) {
            if (re != null) {
                Outbox.write(ctx.channel(), ctx, new Ok(re, ok));
            }
            return;
        }
        Throwable t = KefuException.unwrap(failure);
        if (t instanceof KefuException k) {
            gw.metrics().error(k.code());
            Outbox.write(ctx.channel(), ctx, new ErrorFrame(re, k.code(), k.getMessage(), k.rule()));
        } else {
            log.error("request failed re={}", re, t);
            gw.metrics().error(ErrorCode.INTERNAL);
            Outbox.write(ctx.channel(), ctx,
                    new ErrorFrame(re, ErrorCode.INTERNAL, "internal error; the request may be retried"));
        }
    }

    /** An error answer; before authentication it also ends the connection with 4401. */
    private void reject(ChannelHandlerContext ctx, String re, ErrorCode code, String message) {
        gw.metrics().error(code);
        ctx.writeAndFlush(new ErrorFrame(re, code, message), ctx.voidPromise());
        if (connection == null && !helloPending) {
            if (code == ErrorCode.FORBIDDEN) {
                close(ctx, CLOSE_FORBIDDEN, message);
            } else {
                close(ctx, CLOSE_UNAUTHORIZED, code == ErrorCode.UNAUTHORIZED ? message : "hello expected");
            }
        }
    }

    /** Decodes a frame's bytes through this event loop's scratch array (see {@link #SCRATCH}). */
    private Frame decode(ByteBuf content) throws DecodeException {
        int n = content.readableBytes();
        byte[] bytes = SCRATCH.get();
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, Math.min(SCRATCH_KEPT, bytes.length * 2))];
            if (bytes.length <= SCRATCH_KEPT) {
                SCRATCH.set(bytes);
            }
        }
        content.getBytes(content.readerIndex(), bytes, 0, n);
        return codec.decode(bytes, 0, n);
    }

    /** A frame that cannot be handled: over the rate limit that is the answer, else what was wrong with it. */
    private void refuse(ChannelHandlerContext ctx, boolean allowed, String re, ErrorCode code, String message) {
        if (allowed) {
            reject(ctx, re, code, message);
        } else {
            rateLimited(ctx, re);
        }
    }

    private void rateLimited(ChannelHandlerContext ctx, String re) {
        if (++strikes > gw.limits().rateStrikes()) {
            close(ctx, CLOSE_RATE_LIMIT, "rate limit exceeded");
            return;
        }
        gw.metrics().error(ErrorCode.RATE_LIMITED);
        ctx.writeAndFlush(new ErrorFrame(re, ErrorCode.RATE_LIMITED, "more than " + gw.limits().ratePerSec()
                + " frames a second; slow down or the connection is closed"), ctx.voidPromise());
    }

    /**
     * Starts the WebSocket closing handshake. The TCP connection is closed when the client answers with
     * its close frame, or {@link GatewayInitializer#FORCE_CLOSE_MS} after ours when it does not (a client
     * that ignores the close must not keep its connection); closing at once while the client is still
     * sending would make the kernel reset the connection and drop the frames before it. Frames that
     * arrive meanwhile are ignored.
     */
    private void close(ChannelHandlerContext ctx, int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        gw.metrics().closed(code);
        ctx.writeAndFlush(new CloseWebSocketFrame(code, fitCloseReason(reason)), ctx.voidPromise());
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                ctx.close();
            }
        }, GatewayInitializer.FORCE_CLOSE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * A close frame is a control frame: 125 bytes of payload, 2 of them the status. A longer reason (an
     * error message can quote the client's input) would make the client fail the connection instead of
     * reading why; cut it to whole characters.
     */
    static String fitCloseReason(String reason) {
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = MAX_CLOSE_REASON_BYTES;
        while ((utf8[end] & 0xC0) == 0x80) {
            end--; // utf8[end] continues a character that would be cut: cut before that character
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (helloTimeout != null) {
            helloTimeout.cancel(false);
        }
        held.clear();
        if (tokenExpiry != null) {
            tokenExpiry.cancel();
        }
        if (connection != null) {
            gw.sessions().remove(connection);
            gw.frames().staffDisconnected(connection.principal(), connection.sessionId());
            connection = null;
        }
        releaseChannel();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A message in fragments, each within the frame limit, that together pass it (the aggregator's
            // verdict): the same answer as one frame over the limit, at once.
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "message larger than "
                    + gw.limits().maxFrameBytes() + " bytes");
            return;
        }
        log.debug("connection error, closing: {}", cause.toString());
        ctx.close();
    }
}
