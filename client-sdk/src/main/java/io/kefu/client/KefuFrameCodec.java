package io.kefu.client;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns WebSocket data frames into {@link Frame}s and back with the connection's {@link FrameCodec}.
 * Other WebSocket frames (close) pass through. A server frame that does not decode, such as a type this
 * SDK does not know yet, is logged and dropped: the connection stays up. Runs on the connection's event
 * loop.
 */
final class KefuFrameCodec extends MessageToMessageCodec<WebSocketFrame, Frame> {
    private static final Logger log = LoggerFactory.getLogger(KefuFrameCodec.class);

    private final FrameCodec codec;

    KefuFrameCodec(FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        ByteBuf bytes = Unpooled.wrappedBuffer(codec.encode(frame));
        out.add(codec.text() ? new TextWebSocketFrame(bytes) : new BinaryWebSocketFrame(bytes));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame ws, List<Object> out) {
        if (!(ws instanceof TextWebSocketFrame) && !(ws instanceof BinaryWebSocketFrame)) {
            out.add(ws.retain());
            return;
        }
        ByteBuf content = ws.content();
        byte[] bytes = ByteBufUtil.getBytes(content, content.readerIndex(), content.readableBytes(), false);
        try {
            out.add(codec.decode(bytes));
        } catch (DecodeException e) {
            log.warn("Dropped a server frame that does not decode ({}): {}", e.code().wire(), e.getMessage());
        }
    }
}
