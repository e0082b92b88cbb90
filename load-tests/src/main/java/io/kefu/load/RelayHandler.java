package io.kefu.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.List;

/**
 * The baseline relay's whole logic, per connection: on upgrade, register under {@code ?id=}; on a data
 * frame, find the target and write the same bytes to it; if the target is not connected, drop the
 * frame. A target whose unsent output passes the high water mark is a slow consumer and is closed,
 * as Kefu closes one past its outbound limit. Runs on the connection's event loop; writes to a
 * target are handed to the target's loop by Netty.
 */
final class RelayHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final RelayRegistry registry;
    private String id;

    RelayHandler(RelayRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete handshake) {
            List<String> ids = new QueryStringDecoder(handshake.requestUri()).parameters().get("id");
            if (ids == null || ids.isEmpty() || ids.get(0).isEmpty()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1008, "missing ?id=")).addListener(f -> ctx.close());
                return;
            }
            id = ids.get(0);
            registry.register(id, ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        String to;
        if (frame instanceof TextWebSocketFrame) {
            to = RelayTarget.ofText(frame.content());
        } else if (frame instanceof BinaryWebSocketFrame) {
            to = RelayTarget.ofBinary(frame.content());
        } else {
            return;
        }
        Channel target = to == null ? null : registry.get(to);
        if (target == null) {
            return;
        }
        WebSocketFrame copy = frame instanceof TextWebSocketFrame
                ? new TextWebSocketFrame(frame.content().retainedDuplicate())
                : new BinaryWebSocketFrame(frame.content().retainedDuplicate());
        target.writeAndFlush(copy, target.voidPromise());
        if (!target.isWritable()) {
            target.close(); // a close frame would queue behind the data the client is not reading
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (id != null) {
            registry.unregister(id, ctx.channel());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
