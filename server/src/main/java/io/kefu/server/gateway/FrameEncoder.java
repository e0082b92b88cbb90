package io.kefu.server.gateway;

import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/** Encodes outgoing frames with the connection's negotiated codec. Runs on the channel's event loop. */
final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    private final FrameCodec codec;
    private final GatewayMetrics metrics;

    FrameEncoder(FrameCodec codec, GatewayMetrics metrics) {
        super(Frame.class);
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        byte[] bytes = codec.encode(frame);
        metrics.frameOut(frame);
        out.add(codec.text() ? new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }
}
