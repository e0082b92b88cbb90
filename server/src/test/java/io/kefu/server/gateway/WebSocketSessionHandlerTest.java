package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Base64URL;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.TestServer;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.Principal;
import io.kefu.server.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session handler on an {@link EmbeddedChannel}: everything that happens before a session exists. */
class WebSocketSessionHandlerTest {
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        GatewayLimits limits = new GatewayLimits(30, 10, 4, 65536, 65536, 100, 100, 3, 1000, 1 << 20, List.of(), 15, 60);
        JwtService jwt = new JwtService("unit-test-secret-unit-test-secret-0123".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        SessionRegistry sessions = new SessionRegistry();
        GatewayContext gw = new GatewayContext(limits, jwt, null, sessions, new IdGenerator(1), Clock.systemUTC(),
                new GatewayMetrics(new SimpleMeterRegistry(), () -> 0, sessions::size), (due, task) -> () -> { });
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new WholeFramesAsWebSocketFrames());
        channel.pipeline().addLast("wsAggregator", new WebSocketFrameAggregator(65536));
        channel.pipeline().addLast("wsSession", new WebSocketSessionHandler(gw));
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws", new DefaultHttpHeaders(), "kefu.v1.json"));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aFrameBeforeHelloIsRefusedAndTheConnectionClosedWith4401() {
        channel.writeInbound(new TextWebSocketFrame("{\"t\":\"ping\"}"));

        JsonNode error = nextJson();
        assertThat(error.get("t").asText()).isEqualTo("error");
        assertThat(error.get("code").asText()).isEqualTo("unauthorized");
        assertThat(nextClose().statusCode()).isEqualTo(4401);
    }

    /** Frames are decoded through one scratch array per thread: a large frame, then a short one, each read whole. */
    @Test
    void aLargeFrameAndAShortOneAfterItAreEachDecodedFromTheirOwnBytes() {
        String longToken = "x".repeat(20_000);
        String hello = "{\"t\":\"hello\",\"id\":\"long\",\"token\":\"" + longToken + "\"}";
        channel.writeInbound(new TextWebSocketFrame(hello));
        assertThat(nextJson().get("re").asText()).isEqualTo("long");
        channel.finishAndReleaseAll();

        setUp(); // a new connection; this thread's scratch array now holds the long frame's bytes
        channel.writeInbound(new TextWebSocketFrame("{\"t\":\"hello\",\"id\":\"s\",\"token\":\"t\"}"));
        JsonNode error = nextJson();
        assertThat(error.get("re").asText()).isEqualTo("s");
        assertThat(error.get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aHelloWithABadTokenGetsUnauthorizedThen4401() {
        channel.writeInbound(new TextWebSocketFrame("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"nope\"}"));

        JsonNode error = nextJson();
        assertThat(error.get("re").asText()).isEqualTo("1");
        assertThat(error.get("code").asText()).isEqualTo("unauthorized");
        assertThat(nextClose().statusCode()).isEqualTo(4401);
    }

    @Test
    void aHelloWithATokenFromAnotherSecretSaysTheSecretChangedInTheErrorAndTheCloseReason() {
        JwtService before = new JwtService("the-secret-before-the-restart-0123".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        String token = before.issue(Principal.buyer("b1", null), Duration.ofHours(1));

        channel.writeInbound(new TextWebSocketFrame("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}"));

        assertThat(nextJson().get("message").asText()).isEqualTo(JwtService.OTHER_SECRET);
        CloseWebSocketFrame close = nextClose();
        assertThat(close.statusCode()).isEqualTo(4401);
        assertThat(close.reasonText()).isEqualTo(JwtService.OTHER_SECRET);
    }

    @Test
    void aLongErrorIsCutToFitTheCloseFrame() {
        String alg = "X".repeat(300);
        String token = Base64URL.encode("{\"alg\":\"" + alg + "\"}") + "." + Base64URL.encode("{\"sub\":\"b1\"}") + ".c2ln";

        channel.writeInbound(new TextWebSocketFrame("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}"));

        assertThat(nextJson().get("message").asText()).endsWith(alg);
        CloseWebSocketFrame close = nextClose();
        assertThat(close.statusCode()).isEqualTo(4401);
        assertThat(close.content().readableBytes()).isLessThanOrEqualTo(125);
        assertThat(close.reasonText()).startsWith("wrong token algorithm");
    }

    @Test
    void aCloseReasonIsCutBetweenCharacters() {
        String reason = "货".repeat(60); // 3 bytes each: 180 bytes

        String fitted = WebSocketSessionHandler.fitCloseReason(reason);

        assertThat(fitted).isEqualTo("货".repeat(41));
        assertThat(WebSocketSessionHandler.fitCloseReason("short")).isEqualTo("short");
    }

    @Test
    void aFrameSplitAcrossTwoReadsIsReassembled() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, "{\"t\":\"hello\",\"id\":\"7\","));
        assertThat((Object) channel.readOutbound()).isNull();
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "\"token\":\"bad\"}"));

        JsonNode error = nextJson();
        assertThat(error.get("re").asText()).isEqualTo("7");
        assertThat(error.get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aBinaryFrameOnAJsonConnectionIsABadFrame() {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));

        JsonNode error = nextJson();
        assertThat(error.get("code").asText()).isEqualTo("bad_frame");
        assertThat(error.get("message").asText()).contains("kefu.v1.json");
    }

    @Test
    void malformedJsonBeforeHelloIsABadFrameThen4401() {
        channel.writeInbound(new TextWebSocketFrame("{\"t\":"));

        assertThat(nextJson().get("code").asText()).isEqualTo("bad_frame");
        assertThat(nextClose().statusCode()).isEqualTo(4401);
    }

    @Test
    void noHelloWithinTheLimitCloses4401() {
        channel.advanceTimeBy(11, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(nextClose().statusCode()).isEqualTo(4401);
    }

    private JsonNode nextJson() {
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(TextWebSocketFrame.class);
        TextWebSocketFrame frame = (TextWebSocketFrame) out;
        try {
            return TestServer.parse(frame.text());
        } finally {
            frame.release();
        }
    }

    private CloseWebSocketFrame nextClose() {
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(CloseWebSocketFrame.class);
        return (CloseWebSocketFrame) out;
    }
}
