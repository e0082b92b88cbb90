package io.kefu.server.gateway;

import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.util.List;

/**
 * Encodes outgoing frames with the connection's negotiated codec, straight into a buffer from the channel's
 * pooled allocator (no array per frame, nothing for the collector). Runs on the channel's event loop.
 */
final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    /** Most pushes and answers fit; the buffer grows for the rest. */
    private static final int INITIAL_BYTES = 512;

    private final FrameCodec codec;
    private final GatewayMetrics metrics;

    FrameEncoder(FrameCodec codec, GatewayMetrics metrics) {
        super(Frame.class);
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) throws IOException {
        ByteBuf buf = ctx.alloc().ioBuffer(INITIAL_BYTES);
        try {
            codec.encode(frame, new ByteBufOutputStream(buf));
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        metrics.frameOut(frame);
        out.add(codec.text() ? new TextWebSocketFrame(buf) : new BinaryWebSocketFrame(buf));
    }
}
