package io.kefu.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * For tests that read a session's output from an {@code EmbeddedChannel} as {@code WebSocketFrame}s: turns the
 * whole frames {@link FrameEncoder} writes (an unmasked, final text or binary frame's header and payload in one
 * buffer) back into the frame objects. Put it first in the pipeline.
 */
final class WholeFramesAsWebSocketFrames extends MessageToMessageEncoder<ByteBuf> {
    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf buf, List<Object> out) {
        int first = buf.getUnsignedByte(buf.readerIndex());
        int second = buf.getUnsignedByte(buf.readerIndex() + 1);
        if ((first & 0x80) == 0 || (second & 0x80) != 0 || (second & 0x7F) == 127) {
            throw new IllegalStateException("not a whole frame of FrameEncoder's: " + first + ", " + second);
        }
        int header = (second & 0x7F) == 126 ? 4 : 2;
        ByteBuf payload = buf.retainedSlice(buf.readerIndex() + header, buf.readableBytes() - header);
        out.add((first & 0x0F) == 1 ? new TextWebSocketFrame(payload) : new BinaryWebSocketFrame(payload));
    }
}
