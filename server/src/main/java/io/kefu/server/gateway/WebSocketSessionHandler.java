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
import io.kefu.server.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.session.Connection;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after the upgrade: picks the codec the sub-protocol named, requires
 * {@code hello} first, limits the frame rate, answers {@code ping}, and hands every other frame to the
 * {@link io.kefu.server.conversation.ConversationService}. Runs on the channel's event loop; the answers
 * come back from router lanes and store threads and are written through the channel, which is thread-safe.
 */
final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);
    static final int CLOSE_UNAUTHORIZED = 4401;
    static final int CLOSE_HEARTBEAT = 4408;
    static final int CLOSE_RATE_LIMIT = 4429;
    static final int MAX_CLOSE_REASON_BYTES = 123;
    static final int MAX_HELD_DURING_HELLO = 16;

    private final GatewayContext gw;
    private FrameCodec codec = Codecs.json();
    private TokenBucket bucket;
    private int strikes;
    private ScheduledFuture<?> helloTimeout;
    private boolean helloPending;
    /** Frames that came while {@code hello} was being answered; null when there are none. */
    private Deque<Frame> heldDuringHello;
    private Connection connection;
    private boolean closing;

    WebSocketSessionHandler(GatewayContext gw) {
        this.gw = gw;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hc) {
            codec = Codecs.forSubprotocol(hc.selectedSubprotocol()).orElse(Codecs.json());
            ctx.pipeline().addBefore(ctx.name(), "frameEncoder", new FrameEncoder(codec));
            bucket = new TokenBucket(gw.limits().ratePerSec(), gw.limits().rateBurst(), System.nanoTime());
            helloTimeout = ctx.executor().schedule(() -> {
                if (connection == null) {
                    close(ctx, CLOSE_UNAUTHORIZED, "hello expected within " + gw.limits().helloTimeoutSec() + " s");
                }
            }, gw.limits().helloTimeoutSec(), TimeUnit.SECONDS);
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

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame msg) {
        if (closing || !(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)) {
            return; // pong, continuation handled by the aggregator, close by the protocol handler
        }
        gw.metrics().frameIn();
        if (!bucket.tryTake(System.nanoTime())) {
            rateLimited(ctx);
            return;
        }
        if (bucket.isCalm()) {
            strikes = 0;
        }
        if ((msg instanceof TextWebSocketFrame) != codec.text()) {
            reject(ctx, null, ErrorCode.BAD_FRAME, "this connection speaks " + codec.subprotocol() + "; send "
                    + (codec.text() ? "text" : "binary") + " frames");
            return;
        }
        Frame frame;
        try {
            byte[] bytes = ByteBufUtil.getBytes(msg.content());
            frame = codec.decode(bytes, 0, bytes.length);
        } catch (DecodeException e) {
            reject(ctx, e.requestId(), e.code(), e.getMessage());
            return;
        }
        dispatch(ctx, frame);
    }

    private void dispatch(ChannelHandlerContext ctx, Frame frame) {
        if (connection == null) {
            if (helloPending) {
                holdUntilHelloAnswered(ctx, frame);
            } else if (frame instanceof Hello hello) {
                hello(ctx, hello);
            } else {
                reject(ctx, frame.id(), ErrorCode.UNAUTHORIZED, "the first frame must be hello");
            }
            return;
        }
        if (frame instanceof Ping) {
            ctx.writeAndFlush(new Pong(gw.clock().millis()), ctx.voidPromise());
            return;
        }
        if (frame instanceof Hello) {
            answer(ctx, frame.id(), null, new KefuException(ErrorCode.INVALID_STATE, "already authenticated"));
            return;
        }
        CompletableFuture<OkResult> result;
        try {
            result = gw.conversations().handle(connection.principal(), frame);
        } catch (RuntimeException e) {
            answer(ctx, frame.id(), null, e);
            return;
        }
        result.whenComplete((ok, failure) -> answer(ctx, frame.id(), ok, failure));
    }

    private void hello(ChannelHandlerContext ctx, Hello hello) {
        Principal principal;
        try {
            principal = gw.jwt().verify(hello.token());
        } catch (KefuException e) {
            reject(ctx, hello.id(), ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        helloPending = true;
        String sessionId = gw.ids().next();
        gw.conversations().openConversations(principal).whenComplete((list, failure) -> ctx.executor().execute(() -> {
            helloPending = false;
            if (!ctx.channel().isActive()) {
                return;
            }
            if (failure != null) {
                answer(ctx, hello.id(), null, failure);
                replayHeld(ctx);
                return;
            }
            helloTimeout.cancel(false);
            connection = new Connection(ctx.channel(), principal, sessionId, gw.limits().maxOutboundBytes());
            ctx.writeAndFlush(new Ok(hello.id(), new HelloResult(principal.userId(), principal.role(),
                    principal.shopId(), sessionId, gw.limits().heartbeatSec(), gw.clock().millis(), list)));
            gw.sessions().add(connection);
            gw.conversations().staffConnected(principal);
            log.debug("session opened session={} user={} role={}", sessionId, principal.userId(), principal.role().wire());
            replayHeld(ctx);
        }));
    }

    /**
     * A client may send frames right behind {@code hello}, before its answer: they are kept, in order, and
     * handled once {@code hello} is answered (then authenticated, or refused with 4401), never dropped.
     */
    private void holdUntilHelloAnswered(ChannelHandlerContext ctx, Frame frame) {
        if (heldDuringHello == null) {
            heldDuringHello = new ArrayDeque<>();
        }
        if (heldDuringHello.size() >= MAX_HELD_DURING_HELLO) {
            reject(ctx, frame.id(), ErrorCode.RATE_LIMITED, "more than " + MAX_HELD_DURING_HELLO
                    + " frames sent before hello was answered; wait for its ok");
            return;
        }
        heldDuringHello.add(frame);
    }

    private void replayHeld(ChannelHandlerContext ctx) {
        Deque<Frame> held = heldDuringHello;
        heldDuringHello = null;
        while (held != null && !held.isEmpty() && !closing) {
            dispatch(ctx, held.poll());
        }
    }

    private void answer(ChannelHandlerContext ctx, String re, OkResult ok, Throwable failure) {
        if (failure == null) {
            if (re != null) {
                ctx.writeAndFlush(new Ok(re, ok), ctx.voidPromise());
            }
            return;
        }
        Throwable t = KefuException.unwrap(failure);
        if (t instanceof KefuException k) {
            gw.metrics().error(k.code());
            ctx.writeAndFlush(new ErrorFrame(re, k.code(), k.getMessage()), ctx.voidPromise());
        } else {
            log.error("request failed re={}", re, t);
            gw.metrics().error(ErrorCode.INTERNAL);
            ctx.writeAndFlush(new ErrorFrame(re, ErrorCode.INTERNAL, "internal error; the request may be retried"),
                    ctx.voidPromise());
        }
    }

    /** An error answer; before authentication it also ends the connection with 4401. */
    private void reject(ChannelHandlerContext ctx, String re, ErrorCode code, String message) {
        gw.metrics().error(code);
        ctx.writeAndFlush(new ErrorFrame(re, code, message), ctx.voidPromise());
        if (connection == null && !helloPending) {
            close(ctx, CLOSE_UNAUTHORIZED, code == ErrorCode.UNAUTHORIZED ? message : "hello expected");
        }
    }

    private void rateLimited(ChannelHandlerContext ctx) {
        if (++strikes > gw.limits().rateStrikes()) {
            close(ctx, CLOSE_RATE_LIMIT, "rate limit exceeded");
            return;
        }
        gw.metrics().error(ErrorCode.RATE_LIMITED);
        ctx.writeAndFlush(new ErrorFrame(null, ErrorCode.RATE_LIMITED, "more than " + gw.limits().ratePerSec()
                + " frames a second; slow down or the connection is closed"), ctx.voidPromise());
    }

    /**
     * Starts the WebSocket closing handshake. The TCP connection is closed when the client answers with
     * its close frame, or after the protocol handler's force-close timeout; closing at once while the
     * client is still sending would make the kernel reset the connection and drop the frames before it.
     * Frames that arrive meanwhile are ignored.
     */
    private void close(ChannelHandlerContext ctx, int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        gw.metrics().closed(code);
        ctx.writeAndFlush(new CloseWebSocketFrame(code, fitCloseReason(reason)), ctx.voidPromise());
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
        if (connection != null) {
            gw.sessions().remove(connection);
            gw.conversations().staffDisconnected(connection.principal());
            connection = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error, closing: {}", cause.toString());
        ctx.close();
    }
}
