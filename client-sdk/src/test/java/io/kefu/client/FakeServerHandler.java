package io.kefu.client;

import io.kefu.protocol.Body;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.OkResult.MessagesResult;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Role;
import io.kefu.protocol.Send;
import io.kefu.protocol.Sync;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** One connection of the {@link FakeKefuServer}: decodes with the negotiated codec and answers. */
final class FakeServerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final AttributeKey<FrameCodec> CODEC = AttributeKey.valueOf("fakeCodec");

    private final FakeKefuServer server;

    FakeServerHandler(FakeKefuServer server) {
        this.server = server;
    }

    static void write(Channel ch, Frame frame) {
        FrameCodec codec = ch.attr(CODEC).get();
        byte[] bytes = codec.encode(frame);
        ch.writeAndFlush(codec.text() ? new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (server.refuseConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete done) {
            String sub = done.selectedSubprotocol();
            ctx.channel().attr(CODEC).set(Codecs.forSubprotocol(sub == null ? Codecs.JSON_SUBPROTOCOL : sub)
                    .orElseThrow());
            server.connected(ctx.channel(), sub);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame ws) throws DecodeException {
        if (ws instanceof PongWebSocketFrame) {
            server.pongs.incrementAndGet();
        } else if (ws instanceof CloseWebSocketFrame close) {
            server.clientCloseCodes.add(close.statusCode());
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(f -> ctx.close());
        } else if (ws instanceof TextWebSocketFrame || ws instanceof BinaryWebSocketFrame) {
            Frame frame = ctx.channel().attr(CODEC).get().decode(ByteBufUtil.getBytes(ws.content()));
            server.received.add(frame);
            handle(ctx.channel(), frame);
        }
    }

    private void handle(Channel ch, Frame frame) {
        if (frame instanceof Ping) {
            write(ch, new Pong(System.currentTimeMillis()));
        } else if (frame instanceof Hello hello && hello.token().equals(server.rejectedToken)) {
            write(ch, new ErrorFrame(hello.id(), ErrorCode.UNAUTHORIZED, "token rejected"));
            ch.writeAndFlush(new CloseWebSocketFrame(4401, "unauthorized")).addListener(f -> ch.close());
        } else if (frame.id() != null) {
            Frame answer = server.failure(frame.type())
                    .<Frame>map(code -> new ErrorFrame(frame.id(), code, frame.type() + " refused by the fake"))
                    .orElseGet(() -> new Ok(frame.id(), result(ch, frame)));
            if (!server.isHeld(frame.type(), () -> write(ch, answer))) {
                write(ch, answer);
            }
        }
    }

    private OkResult result(Channel ch, Frame frame) {
        if (frame instanceof Hello) {
            return new HelloResult(FakeKefuServer.USER, Role.BUYER, null, "session-" + server.connections.get(),
                    server.heartbeatSec, System.currentTimeMillis(), server.conversations());
        } else if (frame instanceof Send send) {
            FakeKefuServer.Stored stored = server.storeOnce(send.conv(), send.cmid(), send.kind(), send.body());
            if (stored.fresh()) {
                server.push(stored.msg());
            }
            return new SendResult(send.conv(), stored.msg().seq(), stored.msg().ts());
        } else if (frame instanceof Sync sync) {
            return new MessagesResult(filter(sync.conv(), m -> m.seq() > sync.afterSeq()));
        } else if (frame instanceof History h) {
            return new MessagesResult(filter(h.conv(), m -> h.beforeSeq() == null || m.seq() < h.beforeSeq()));
        } else if (frame instanceof Open open) {
            String conv = "c-" + open.shopId();
            if (open.text() != null) {
                server.storeOnce(conv, "open-" + conv, "text", Body.text(open.text()));
            }
            return new OpenResult(conv, ConvState.BOT);
        }
        return OkResult.Empty.INSTANCE;
    }

    private List<Msg> filter(String conv, Predicate<Msg> keep) {
        return server.messages(conv).stream().filter(keep).collect(Collectors.toList());
    }
}
