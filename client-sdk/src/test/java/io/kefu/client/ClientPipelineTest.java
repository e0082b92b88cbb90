package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.client.ConnectionEvents.CloseStatus;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Ok;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Typing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's own handlers on an {@link EmbeddedChannel}: frame codec and connection handler. */
class ClientPipelineTest {

    /** Records the events a handler reports. */
    private static final class Events implements ConnectionEvents {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void handshakeComplete(Channel channel) {
            seen.add("handshake");
        }

        @Override
        public void frameReceived(Channel channel, Frame frame) {
            seen.add(frame);
        }

        @Override
        public void connectionClosed(Channel channel, CloseStatus status) {
            seen.add(status);
        }
    }

    @Test
    void framesAreEncodedAsTextForJsonAndBinaryForTheBinaryEncoding() {
        EmbeddedChannel json = new EmbeddedChannel(new KefuFrameCodec(Codecs.json()));
        EmbeddedChannel binary = new EmbeddedChannel(new KefuFrameCodec(Codecs.binary()));

        json.writeOutbound(new Typing(null, "c1", null));
        binary.writeOutbound(new Typing(null, "c1", null));

        TextWebSocketFrame text = json.readOutbound();
        assertThat(text.text()).isEqualTo("{\"t\":\"typing\",\"conv\":\"c1\"}");
        text.release();
        BinaryWebSocketFrame bytes = binary.readOutbound();
        assertThat(bytes.content().readableBytes()).isPositive();
        bytes.release();
        assertThat(json.finishAndReleaseAll()).isFalse();
        assertThat(binary.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aFrameSplitAcrossFragmentsIsDecodedOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameAggregator(1024),
                new KefuFrameCodec(Codecs.json()));

        ch.writeInbound(new TextWebSocketFrame(false, 0, utf8("{\"t\":\"ok\",")));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, utf8("\"re\":\"7\"}")));

        assertThat((Object) ch.readInbound()).isEqualTo(Ok.empty("7"));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aFrameThatDoesNotDecodeIsDroppedAndTheConnectionStays() {
        EmbeddedChannel ch = new EmbeddedChannel(new KefuFrameCodec(Codecs.json()));

        ch.writeInbound(new TextWebSocketFrame("{\"t\":\"from.the.future\"}"));
        ch.writeInbound(new TextWebSocketFrame("{\"t\":\"survey\",\"conv\":\"c1\"}"));

        assertThat((Object) ch.readInbound()).isEqualTo(new Survey("c1"));
        assertThat(ch.isActive()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theServersCloseFrameIsEchoedAndItsCodeReported() {
        Events events = new Events();
        EmbeddedChannel ch = new EmbeddedChannel(new KefuClientHandler(events));
        ch.pipeline().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);

        ch.writeInbound(new CloseWebSocketFrame(4429, "slow down"));

        CloseWebSocketFrame echo = ch.readOutbound();
        assertThat(echo.statusCode()).isEqualTo(4429);
        echo.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(events.seen).containsExactly("handshake", new CloseStatus(4429, "slow down", true, null));
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionLostBeforeTheHandshakeIsReportedAsNotEstablished() {
        Events events = new Events();
        EmbeddedChannel ch = new EmbeddedChannel(new KefuClientHandler(events));

        ch.close();

        assertThat(events.seen).singleElement().isInstanceOfSatisfying(CloseStatus.class, s -> {
            assertThat(s.code()).isEqualTo(1006);
            assertThat(s.established()).isFalse();
        });
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
