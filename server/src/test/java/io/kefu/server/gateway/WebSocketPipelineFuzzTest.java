package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.server.LeakGuard;
import io.kefu.server.auth.JwtService;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the WebSocket side of the gateway on an {@link EmbeddedChannel}, with
 * Netty's leak detector at paranoid ({@link LeakGuard}). Whatever a client sends before it is authenticated,
 * no exception leaves the pipeline, the server answers only with {@code error} frames
 * ({@code unauthorized}, {@code bad_frame}, {@code rate_limited}), pings and a close with a documented status
 * (4401, 4408, 4429, 1009) whose reason fits a control frame, sends no data after its close, and the connection
 * is closed (with that close frame, or at once after a pipeline error) at the latest when the hello timeout and
 * the forced close have passed; every buffer is released.
 *
 * <p>Inputs are small scripts (see {@link #sessionHandler} and {@link #handshakeThenBytes}) so that the committed
 * seeds in {@code src/test/resources/io/kefu/server/gateway/WebSocketPipelineFuzzTestInputs/} are readable
 * frame sequences. Sessions after a successful {@code hello} need the routers and the store and are covered
 * by the socket tests, not here. Runs on the test thread, which is the embedded channel's event loop.
 */
class WebSocketPipelineFuzzTest {
    static final int MAX_FRAME_BYTES = 4096;
    private static final GatewayLimits LIMITS = new GatewayLimits(30, 10, 4, MAX_FRAME_BYTES, 65536, 100, 100, 3,
            1000, 1 << 20, List.of(), 15, 60);
    private static final Set<Integer> CLOSE_CODES = Set.of(WebSocketSessionHandler.CLOSE_UNAUTHORIZED,
            WebSocketSessionHandler.CLOSE_HEARTBEAT, WebSocketSessionHandler.CLOSE_RATE_LIMIT, 1009);
    private static final Set<ErrorCode> PRE_HELLO_ERRORS = Set.of(ErrorCode.UNAUTHORIZED, ErrorCode.BAD_FRAME,
            ErrorCode.RATE_LIMITED);
    /** In a fuzzing run the leak check also runs every this many inputs, so a leak is found before the end. */
    private static final int LEAK_CHECK_EVERY = Integer.getInteger("kefu.fuzz.leakCheckEvery", 20_000);

    /** Shared by all inputs (stateless for connections that never authenticate), so an input costs less. */
    private static final GatewayContext GATEWAY = gateway();

    private static LeakGuard leakGuard;
    private static int executions;

    /**
     * The inbound buffers of the current input, to be released once the channel is finished. Cleared per input:
     * a fuzzing run calls the method again and again on one instance.
     */
    private final List<ByteBuf> sent = new ArrayList<>();

    @BeforeAll
    static void paranoidLeakDetection() {
        leakGuard = LeakGuard.start();
    }

    @AfterAll
    static void noLeaks() {
        try {
            assertThat(leakGuard.leaks()).as("Netty leak reports").isEmpty();
        } finally {
            leakGuard.close();
        }
    }

    /**
     * Frames straight into the session handler, as after a handshake. Script: byte 0 bit 0 picks the
     * sub-protocol (0 JSON, 1 binary); then records of an op byte and a two-byte big-endian length, followed
     * (for frames) by that many payload bytes. Op bits 0-2: 0 text, 1 binary, 2 continuation, 3 close, 4 ping,
     * 5 pong, 6 the clock moves by length × 10 ms, 7 reader idle (first when length is even); bit 3 is FIN,
     * bits 4-6 are RSV.
     */
    @FuzzTest
    void sessionHandler(byte[] script) {
        sent.clear();
        boolean binary = script.length > 0 && (script[0] & 1) == 1;
        FrameCodec codec = binary ? Codecs.binary() : Codecs.json();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new WholeFramesAsWebSocketFrames());
        channel.pipeline().addLast("wsAggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        channel.pipeline().addLast("wsSession", new WebSocketSessionHandler(GATEWAY));
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws", new DefaultHttpHeaders(),
                codec.subprotocol()));
        Answers answers = new Answers(codec);
        int at = 1;
        while (at + 3 <= script.length && channel.isOpen()) {
            int op = script[at] & 0xff;
            int length = ((script[at + 1] & 0xff) << 8) | (script[at + 2] & 0xff);
            at += 3;
            int kind = op & 7;
            if (kind == 6) {
                channel.advanceTimeBy(length * 10L, TimeUnit.MILLISECONDS);
                channel.runScheduledPendingTasks();
            } else if (kind == 7) {
                channel.pipeline().fireUserEventTriggered((length & 1) == 0
                        ? IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT : IdleStateEvent.READER_IDLE_STATE_EVENT);
            } else {
                int n = Math.min(length, script.length - at);
                channel.writeInbound(frame(kind, (op & 8) != 0, (op >> 4) & 7, payload(script, at, n)));
                at += n;
            }
            answers.drain(channel);
        }
        endAndCheck(channel, answers);
    }

    /**
     * The whole WebSocket side of the pipeline from bytes: an HTTP upgrade, then raw bytes and client frames.
     * Script: byte 0 bits 0-1 pick the offered sub-protocol (JSON, binary, none, an unknown one); then records.
     * An op byte with bit 7 set is a raw read of the next (op &amp; 0x7f) bytes. Otherwise it is a masked
     * frame: opcode bits 0-3 (invalid ones too), FIN bit 4, RSV1 bit 5, bit 6 splits the frame across two
     * reads; then a two-byte length and the payload bytes.
     */
    @FuzzTest
    void handshakeThenBytes(byte[] script) {
        sent.clear();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast("httpCodec", new HttpServerCodec());
        channel.pipeline().addLast("httpAggregator", new HttpObjectAggregator(LIMITS.maxHttpBodyBytes()));
        channel.pipeline().addLast("wsProtocol", new WebSocketServerProtocolHandler(webSocketConfig()));
        channel.pipeline().addLast(new WholeFramesAsWebSocketFrames());
        channel.pipeline().addLast("wsAggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        channel.pipeline().addLast("wsSession", new WebSocketSessionHandler(GATEWAY));
        String offered = switch (script.length == 0 ? 0 : script[0] & 3) {
            case 0 -> Codecs.JSON_SUBPROTOCOL;
            case 1 -> Codecs.BINARY_SUBPROTOCOL;
            case 2 -> null;
            default -> "chat";
        };
        channel.writeInbound(buffer(upgradeRequest(offered)));
        String response = readAll(channel);
        assertThat(response).as("handshake answer").startsWith("HTTP/1.1 101 ");
        int at = 1;
        while (at < script.length && channel.isOpen()) {
            int op = script[at++] & 0xff;
            if ((op & 0x80) != 0) {
                int n = Math.min(op & 0x7f, script.length - at);
                channel.writeInbound(buffer(script, at, n));
                at += n;
            } else if (at + 2 <= script.length) {
                int length = ((script[at] & 0xff) << 8) | (script[at + 1] & 0xff);
                at += 2;
                int n = Math.min(length, script.length - at);
                byte[] wire = maskedFrame(op, script, at, n);
                at += n;
                int split = (op & 0x40) != 0 ? wire.length / 2 : wire.length;
                channel.writeInbound(buffer(wire, 0, split));
                if (split < wire.length && channel.isOpen()) {
                    channel.writeInbound(buffer(wire, split, wire.length - split));
                }
            } else {
                break;
            }
            readAll(channel);
        }
        // Unauthenticated: the hello timeout closes with 4401, the forced close then drops TCP.
        channel.advanceTimeBy(LIMITS.helloTimeoutSec() * 1000L + GatewayInitializer.FORCE_CLOSE_MS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        readAll(channel);
        channel.advanceTimeBy(GatewayInitializer.FORCE_CLOSE_MS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        readAll(channel);
        assertThat(channel.isActive()).as("connection closed after the hello timeout").isFalse();
        channel.finishAndReleaseAll();
        assertReleased();
        checkLeaksNowAndThen();
    }

    /** The server's WebSocket settings, as {@link GatewayInitializer} builds them for {@link #LIMITS}. */
    private static WebSocketServerProtocolConfig webSocketConfig() {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(GatewayInitializer.WS_PATH)
                .checkStartsWith(true)
                .subprotocols(Codecs.JSON_SUBPROTOCOL + "," + Codecs.BINARY_SUBPROTOCOL)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(10_000)
                .forceCloseTimeoutMillis(GatewayInitializer.FORCE_CLOSE_MS)
                .allowExtensions(false)
                .dropPongFrames(true)
                .build();
    }

    private void endAndCheck(EmbeddedChannel channel, Answers answers) {
        if (channel.isOpen()) {
            // Every unauthenticated connection ends: the hello timeout closes it with 4401 at the latest.
            channel.advanceTimeBy(LIMITS.helloTimeoutSec() * 1000L, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            answers.drain(channel);
        }
        // Closed by a close frame (4401 at the latest, on the hello timeout), or at once after an error the
        // pipeline raised: a new message inside a fragmented one is the aggregator's error here, as the real
        // pipeline's frame decoder would refuse it before (1002) and is fuzzed by handshakeThenBytes.
        assertThat(answers.closeCode != null || !channel.isActive()).as("close frame sent or connection closed")
                .isTrue();
        channel.advanceTimeBy(GatewayInitializer.FORCE_CLOSE_MS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        answers.drain(channel);
        assertThat(channel.isActive()).as("connection dropped after the forced-close delay").isFalse();
        channel.finishAndReleaseAll();
        assertReleased();
        checkLeaksNowAndThen();
    }

    private void assertReleased() {
        for (ByteBuf buf : sent) {
            assertThat(buf.refCnt()).as("reference count of an inbound buffer after the channel finished").isZero();
        }
    }

    private static void checkLeaksNowAndThen() {
        if (++executions % LEAK_CHECK_EVERY == 0) {
            assertThat(leakGuard.leaks()).as("Netty leak reports after %d inputs", executions).isEmpty();
        }
    }

    private static GatewayContext gateway() {
        JwtService jwt = new JwtService("fuzz-test-secret-fuzz-test-secret-0123".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        SessionRegistry sessions = new SessionRegistry();
        return new GatewayContext(LIMITS, jwt, null, sessions, new IdGenerator(1), Clock.systemUTC(),
                new GatewayMetrics(new SimpleMeterRegistry(), () -> 0, sessions::size), (due, task) -> () -> { });
    }

    private ByteBuf payload(byte[] script, int from, int length) {
        return buffer(script, from, length);
    }

    private ByteBuf buffer(byte[] bytes) {
        return buffer(bytes, 0, bytes.length);
    }

    /** A pooled buffer, so that the leak detector tracks it, remembered for the release check. */
    private ByteBuf buffer(byte[] bytes, int from, int length) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(length).writeBytes(bytes, from, length);
        sent.add(buf);
        return buf;
    }

    private static WebSocketFrame frame(int kind, boolean fin, int rsv, ByteBuf payload) {
        return switch (kind) {
            case 0 -> new TextWebSocketFrame(fin, rsv, payload);
            case 1 -> new BinaryWebSocketFrame(fin, rsv, payload);
            case 2 -> new ContinuationWebSocketFrame(fin, rsv, payload);
            case 3 -> new CloseWebSocketFrame(fin, rsv, payload);
            case 4 -> new PingWebSocketFrame(fin, rsv, payload);
            default -> new PongWebSocketFrame(fin, rsv, payload);
        };
    }

    /** A client frame as RFC 6455 puts it on the wire, masked with a fixed key. */
    private static byte[] maskedFrame(int op, byte[] script, int from, int length) {
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        int header = 2 + (length < 126 ? 0 : 2) + 4;
        byte[] wire = new byte[header + length];
        wire[0] = (byte) ((op & 0x10) << 3 | (op & 0x20) << 1 | (op & 0x0f));
        int i = 1;
        if (length < 126) {
            wire[i++] = (byte) (0x80 | length);
        } else {
            wire[i++] = (byte) (0x80 | 126);
            wire[i++] = (byte) (length >> 8);
            wire[i++] = (byte) length;
        }
        System.arraycopy(mask, 0, wire, i, 4);
        i += 4;
        for (int k = 0; k < length; k++) {
            wire[i + k] = (byte) (script[from + k] ^ mask[k & 3]);
        }
        return wire;
    }

    private static byte[] upgradeRequest(String subprotocol) {
        String request = "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads and releases everything written so far; returns it as ISO-8859-1 text. */
    private static String readAll(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                out.append(buf.toString(StandardCharsets.ISO_8859_1));
            } finally {
                buf.release();
            }
        }
        return out.toString();
    }

    /** The server's answers on the session handler's channel, checked as they are read. */
    private static final class Answers {
        private final FrameCodec codec;
        private Integer closeCode;

        Answers(FrameCodec codec) {
            this.codec = codec;
        }

        void drain(EmbeddedChannel channel) {
            Object msg;
            while ((msg = channel.readOutbound()) != null) {
                WebSocketFrame frame = (WebSocketFrame) msg;
                try {
                    check(frame);
                } finally {
                    frame.release();
                }
            }
        }

        private void check(WebSocketFrame frame) {
            if (frame instanceof PingWebSocketFrame) {
                return;
            }
            if (frame instanceof CloseWebSocketFrame close) {
                assertThat(closeCode).as("a second close frame").isNull();
                closeCode = close.statusCode();
                assertThat(CLOSE_CODES).as("close status").contains(closeCode);
                assertThat(close.content().readableBytes()).as("close payload").isLessThanOrEqualTo(125);
                return;
            }
            assertThat(closeCode).as("a data frame after the close frame").isNull();
            assertThat(frame).isInstanceOf(codec.text() ? TextWebSocketFrame.class : BinaryWebSocketFrame.class);
            Frame answer;
            try {
                answer = codec.decode(ByteBufUtil.getBytes(frame.content()));
            } catch (DecodeException e) {
                throw new AssertionError("the server sent a frame its own codec refuses: " + e.getMessage(), e);
            }
            assertThat(answer).isInstanceOf(ErrorFrame.class);
            assertThat(PRE_HELLO_ERRORS).as("error code before hello").contains(((ErrorFrame) answer).code());
        }
    }
}
