package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayMessagesTest {
    private final Stamp stamp = new Stamp(9, Stamp.FROM_BUYER, 42, 123_456);

    @Test
    void textMessagesHaveTheProtocolsFieldsAndTheSize() {
        String json = RelayMessages.json("run1-a17", stamp, 200);

        assertThat(json).hasSize(200)
                .startsWith("{\"to\":\"run1-a17\",\"conv\":9,\"n\":42,\"at\":123456,\"pad\":\"L|9|b|42|0000000123456|")
                .endsWith("...\"}");
        ByteBuf buf = Unpooled.copiedBuffer(json, StandardCharsets.US_ASCII);
        assertThat(RelayMessages.parseJson(buf)).isEqualTo(stamp);
        assertThat(RelayTarget.ofText(buf)).isEqualTo("run1-a17");
        assertThat(buf.readerIndex()).as("parsing leaves the buffer as it was").isZero();
    }

    @Test
    void binaryMessagesAreTheIdThenTheStamp() {
        ByteBuf buf = RelayMessages.binary(ByteBufAllocator.DEFAULT, "run1-b3", stamp, 100);
        try {
            assertThat(buf.readableBytes()).isEqualTo(100);
            assertThat(buf.getUnsignedByte(0)).isEqualTo((short) 7);
            assertThat(RelayTarget.ofBinary(buf)).isEqualTo("run1-b3");
            assertThat(RelayMessages.parseBinary(buf)).isEqualTo(stamp);
        } finally {
            buf.release();
        }
    }

    @Test
    void wholeFramesCarryTheSameMessagesMasked() {
        io.netty.channel.embedded.EmbeddedChannel server = new io.netty.channel.embedded.EmbeddedChannel(
                new io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder(true, false, 1 << 16));
        ByteBuf expected = RelayMessages.binary(ByteBufAllocator.DEFAULT, "run1-b3", stamp, 200);
        try {
            server.writeInbound(RelayMessages.binaryFrame(ByteBufAllocator.DEFAULT,
                    "run1-b3".getBytes(StandardCharsets.UTF_8), stamp, 200, 0x12345678));
            server.writeInbound(RelayMessages.jsonFrame(ByteBufAllocator.DEFAULT, "run1-a17", stamp, 200,
                    -1));
            io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame binary = server.readInbound();
            io.netty.handler.codec.http.websocketx.TextWebSocketFrame text = server.readInbound();
            assertThat(binary.content()).isEqualTo(expected);
            assertThat(RelayMessages.parseBinary(binary.content())).isEqualTo(stamp);
            assertThat(text.text()).isEqualTo(RelayMessages.json("run1-a17", stamp, 200));
            binary.release();
            text.release();
        } finally {
            expected.release();
        }
    }

    @Test
    void framesWithoutAStampParseToNull() {
        assertThat(RelayMessages.parseJson(Unpooled.copiedBuffer("{\"to\":\"x\"}", StandardCharsets.US_ASCII))).isNull();
        assertThat(RelayMessages.parseJson(Unpooled.copiedBuffer("{\"pad\":\"hello\"}", StandardCharsets.US_ASCII)))
                .isNull();
        assertThat(RelayMessages.parseBinary(Unpooled.wrappedBuffer(new byte[] {1, 'x'}))).isNull();
        assertThat(RelayMessages.parseBinary(Unpooled.EMPTY_BUFFER)).isNull();
    }
}
