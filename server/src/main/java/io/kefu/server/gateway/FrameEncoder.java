package io.kefu.server.gateway;

import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes outgoing frames with the connection's negotiated codec, straight into a buffer from the channel's
 * pooled allocator, as the whole WebSocket frame: the codec writes the payload after room left for the frame's
 * header, and the header (final fragment, text or binary, unmasked, the length) is filled in before it. Netty's
 * WebSocket encoder lets a buffer through as it is, so the frame is not copied a second time into a buffer of
 * header and payload, as it is for a {@code WebSocketFrame}. A payload over 65,535 bytes (a long history), whose
 * header is longer than the room, still goes as a {@code WebSocketFrame}. No extensions are negotiated
 * ({@code GatewayInitializer}), so no other encoding stands between. Runs on the channel's event loop.
 */
final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    /** Most pushes and answers fit; the buffer grows for the rest. */
    private static final int INITIAL_BYTES = 512;
    /** A header of 2 bytes, or 4 with a 16-bit length (RFC 6455 §5.2). */
    static final int HEADER_ROOM = 4;
    private static final int FIN = 0x80;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int MAX_7_BIT_LENGTH = 125;
    private static final int LENGTH_16_BITS = 126;

    private final FrameCodec codec;
    private final GatewayMetrics metrics;
    /** The codec's stream into the buffer being written: one per connection, not one per frame. */
    private final BufferStream stream = new BufferStream();

    FrameEncoder(FrameCodec codec, GatewayMetrics metrics) {
        super(Frame.class);
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) throws IOException {
        ByteBuf buf = ctx.alloc().ioBuffer(INITIAL_BYTES);
        try {
            buf.writerIndex(HEADER_ROOM);
            stream.buf = buf;
            codec.encode(frame, stream);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        } finally {
            stream.buf = null;
        }
        metrics.frameOut(frame);
        out.add(wholeFrame(buf, codec.text()));
    }

    /** Writes into {@link #buf}, which the encoder sets for each frame. Event loop only. */
    private static final class BufferStream extends OutputStream {
        private ByteBuf buf;

        @Override
        public void write(int b) {
            buf.writeByte(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buf.writeBytes(bytes, offset, length);
        }
    }

    /**
     * {@code buf} holds a payload after {@link #HEADER_ROOM} bytes: the WebSocket frame around it, in the same
     * buffer when its header fits the room.
     */
    static Object wholeFrame(ByteBuf buf, boolean text) {
        int length = buf.writerIndex() - HEADER_ROOM;
        int first = FIN | (text ? OPCODE_TEXT : OPCODE_BINARY);
        if (length <= MAX_7_BIT_LENGTH) {
            buf.setByte(2, first);
            buf.setByte(3, length);
            return buf.readerIndex(2);
        }
        if (length <= 0xFFFF) {
            buf.setByte(0, first);
            buf.setByte(1, LENGTH_16_BITS);
            buf.setShort(2, length);
            return buf.readerIndex(0);
        }
        buf.readerIndex(HEADER_ROOM);
        return text ? new TextWebSocketFrame(buf) : new BinaryWebSocketFrame(buf);
    }
}
