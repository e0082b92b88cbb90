package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WsFramesTest {

    /** What a server reads: Netty's decoder, which insists on masked frames from a client. */
    private static WebSocketFrame serverReads(ByteBuf frame) {
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));
        assertThat(server.writeInbound(frame)).isTrue();
        WebSocketFrame read = server.readInbound();
        assertThat(server.readInbound() == null).as("one frame").isTrue();
        return read;
    }

    private static byte[] payload(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void every_length_form_reads_back_as_written() {
        Random masks = new Random(7);
        for (int length : new int[] {0, 1, 3, 4, 5, 125, 126, 127, 200, 65_535, 65_536, 70_001}) {
            byte[] bytes = payload(length, length);
            ByteBuf buf = WsFrames.start(ByteBufAllocator.DEFAULT, length);
            buf.writeBytes(bytes);
            WebSocketFrame read = serverReads(WsFrames.finish(buf, WsFrames.OPCODE_BINARY, masks.nextInt()));
            try {
                assertThat(read).as("length %d", length).isInstanceOf(BinaryWebSocketFrame.class);
                assertThat(read.isFinalFragment()).isTrue();
                assertThat(ByteBufUtil.getBytes(read.content())).as("length %d", length).isEqualTo(bytes);
            } finally {
                read.release();
            }
        }
    }

    @Test
    void the_header_is_as_short_as_the_length_allows() {
        ByteBuf small = WsFrames.start(ByteBufAllocator.DEFAULT, 10).writeZero(125);
        ByteBuf medium = WsFrames.start(ByteBufAllocator.DEFAULT, 200).writeZero(200);
        try {
            assertThat(WsFrames.finish(small, WsFrames.OPCODE_TEXT, 1).readableBytes()).isEqualTo(2 + 4 + 125);
            assertThat(WsFrames.finish(medium, WsFrames.OPCODE_TEXT, 1).readableBytes()).isEqualTo(2 + 2 + 4 + 200);
            assertThat(small.getUnsignedByte(small.readerIndex())).as("FIN and text").isEqualTo((short) 0x81);
        } finally {
            small.release();
            medium.release();
        }
    }

    @Test
    void a_text_frame_is_text() {
        ByteBuf buf = WsFrames.start(ByteBufAllocator.DEFAULT, 5);
        ByteBufUtil.writeAscii(buf, "hello");
        WebSocketFrame read = serverReads(WsFrames.finish(buf, WsFrames.OPCODE_TEXT, 0xCAFEBABE));
        try {
            assertThat(read).isInstanceOf(TextWebSocketFrame.class);
            assertThat(((TextWebSocketFrame) read).text()).isEqualTo("hello");
        } finally {
            read.release();
        }
    }
}
