package io.kefu.client;

import io.kefu.client.ConnectionEvents.CloseStatus;
import io.kefu.protocol.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection: reports the handshake, decoded frames and the end of the
 * connection to {@link ConnectionEvents}, remembering the close code and reason the server sent and
 * answering its close frame. Runs on the connection's event loop.
 */
final class KefuClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(KefuClientHandler.class);

    private final ConnectionEvents events;
    private boolean established;
    private int closeCode = CloseCodes.ABNORMAL_CLOSURE;
    private String closeReason = "connection lost without a close frame";
    private Throwable failure;

    KefuClientHandler(ConnectionEvents events) {
        this.events = events;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            established = true;
            events.handshakeComplete(ctx.channel());
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            closeReason = "WebSocket handshake timed out";
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            events.frameReceived(ctx.channel(), frame);
        } else if (msg instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode() == -1 ? 1005 : close.statusCode();
            closeReason = close.reasonText();
            log.debug("Server closed the connection: {} {}", closeCode, closeReason);
            // Echo the close frame (RFC 6455 §5.5.1); the protocol handler then closes the channel.
            ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retain()));
            ReferenceCountUtil.release(close);
            ctx.close();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection failed: {}", cause.toString());
        if (failure == null) {
            failure = cause;
            closeReason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            if (cause instanceof CorruptedWebSocketFrameException corrupted && corrupted.closeStatus() != null) {
                closeCode = corrupted.closeStatus().code(); // e.g. 1009 for a frame over the size limit
            } else if (cause instanceof TooLongFrameException) {
                closeCode = CloseCodes.MESSAGE_TOO_BIG;
            }
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        events.connectionClosed(ctx.channel(), new CloseStatus(closeCode, closeReason, established, failure));
        super.channelInactive(ctx);
    }
}
