package io.kefu.server.gateway;

import io.kefu.protocol.Body;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames the gateway writes whole (header and payload in one buffer) are the bytes Netty's WebSocket encoder
 * writes for the same payload, at every length where the header changes; and what a client's decoder reads back is
 * the frame the server sent.
 */
class FrameEncoderTest {
    private static final int[] LENGTHS = {0, 1, 125, 126, 127, 1_000, 65_535, 65_536, 70_000};

    @Test
    void theSameBytesAsNettysEncoderAtEveryHeaderSize() {
        Random random = new Random(42);
        for (boolean text : new boolean[] {true, false}) {
            for (int length : LENGTHS) {
                byte[] payload = new byte[length];
                random.nextBytes(payload);
                ByteBuf mine = Unpooled.buffer();
                mine.writerIndex(FrameEncoder.HEADER_ROOM);
                mine.writeBytes(payload);
                byte[] ours = throughNettysEncoder(FrameEncoder.wholeFrame(mine, text));
                WebSocketFrame frame = text ? new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))
                        : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload));
                assertThat(ours).as("text=%s length=%d", text, length).isEqualTo(throughNettysEncoder(frame));
            }
        }
    }

    @Test
    void aClientReadsTheFrameTheServerSent() throws Exception {
        Msg msg = new Msg("612094387230457856", 1287, new Party(PartyType.BUYER, "612093978112188416"), "text",
                Body.text("您好，能换成 XL 吗？" + "x".repeat(300)), 1_718_000_000_123L, "0000012345678-17a42");
        for (FrameCodec codec : new FrameCodec[] {Codecs.json(), Codecs.binary()}) {
            EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameEncoder(false),
                    new FrameEncoder(codec, new GatewayMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0)));
            server.writeOutbound(msg, msg.withReplyBy(5L));
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(
                    WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).build()));
            ByteBuf wire;
            while ((wire = server.readOutbound()) != null) {
                client.writeInbound(wire);
            }
            for (Msg expected : new Msg[] {msg, msg.withReplyBy(5L)}) {
                WebSocketFrame frame = client.readInbound();
                assertThat(frame).isInstanceOf(codec.text() ? TextWebSocketFrame.class : BinaryWebSocketFrame.class);
                assertThat(codec.decode(ByteBufUtil.getBytes(frame.content()))).isEqualTo(expected);
                frame.release();
            }
            assertThat((Object) client.readInbound()).isNull();
            assertThat(server.finish()).isFalse();
        }
    }

    private static byte[] throughNettysEncoder(Object message) {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        channel.writeOutbound(message);
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        channel.finish();
        return ByteBufUtil.getBytes(all);
    }
}
