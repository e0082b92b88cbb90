package io.kefu.load;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Hello;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.load.setup.Provisioned;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;

/**
 * Drives Kefu through its own protocol (JSON or binary): {@code hello} with the provisioned token,
 * {@code status online} for agents, {@code open} for buyers, {@code send} with the stamp in the text
 * body. Request ids carry what the answer needs: {@code h} hello, {@code st} status, {@code o<conv>}
 * open, and for a send {@code <scheduled µs>.<conv>} ({@link SendId}), so an answer needs no table.
 * Every {@code msg} push is checked for {@code seq} continuity per receiver and conversation. An
 * {@code open} answered {@code overloaded} is retried a few times, a second apart, as a widget would. With several
 * nodes each endpoint connects to the node {@link Scenario#nodeOf} gives it.
 * Runs on the event loops of the connections it serves (see {@link Dialect}).
 */
final class KefuDialect implements Dialect {
    private static final String HELLO = "h";
    private static final String STATUS = "st";
    private static final String OPEN = "o";
    /** An {@code open} answered {@code overloaded} is sent again after this long, up to this many times more. */
    private static final long OPEN_RETRY_MS = 1_000;
    private static final int MAX_OPEN_ATTEMPTS = 5;

    private final RunState run;
    private final FrameCodec codec;
    private final java.util.List<URI> nodes;
    private final Provisioned provisioned;

    /** @param nodes each Kefu node's {@code /ws} address; endpoints are spread by {@link Scenario#nodeOf} */
    KefuDialect(RunState run, FrameCodec codec, java.util.List<URI> nodes, Provisioned provisioned) {
        this.run = run;
        this.codec = codec;
        this.nodes = java.util.List.copyOf(nodes);
        this.provisioned = provisioned;
    }

    @Override
    public URI uri(Endpoint endpoint) {
        return nodes.get(run.scenario.nodeOf(endpoint.role() == Endpoint.Role.AGENT, endpoint.index()) % nodes.size());
    }

    @Override
    public String subprotocol() {
        return codec.subprotocol();
    }

    @Override
    public void opened(EndpointHandler connection) {
        write(connection.endpoint(), new Hello(HELLO, connection.endpoint().credential()));
    }

    @Override
    public void open(ConvTrack track) {
        if (!track.buyer().ready()) {
            run.connections.openFailed.increment();
            return;
        }
        String shopId = provisioned.shopIds().get(run.scenario.shopOf(track.index()));
        write(track.buyer(), new Open(OPEN + track.index(), shopId, null, null));
    }

    @Override
    public ByteBuf message(ConvTrack track, Endpoint from, Stamp stamp, ByteBufAllocator alloc, int mask) {
        Send send = new Send(SendId.format(stamp), track.convId(), stamp.cmid(), "text",
                Body.text(stamp.text(run.scenario.messageSize())));
        byte[] bytes = codec.encode(send);
        ByteBuf buf = WsFrames.start(alloc, bytes.length);
        buf.writeBytes(bytes);
        return WsFrames.finish(buf, codec.text() ? WsFrames.OPCODE_TEXT : WsFrames.OPCODE_BINARY, mask);
    }

    @Override
    public WebSocketFrame ping() {
        return frame(new Ping(null));
    }

    @Override
    public void received(EndpointHandler connection, ByteBuf content, boolean text) {
        Frame frame;
        try {
            frame = codec.decode(ByteBufUtil.getBytes(content, content.readerIndex(), content.readableBytes(), false));
        } catch (DecodeException e) {
            run.errors.count("undecodable frame: " + e.code().wire());
            return;
        }
        if (frame instanceof Msg msg) {
            message(connection.endpoint(), msg);
        } else if (frame instanceof Ok ok) {
            ok(connection, ok);
        } else if (frame instanceof ErrorFrame error) {
            error(connection, error);
        } else if (frame instanceof ConvAssigned assigned) {
            if (connection.endpoint().role() == Endpoint.Role.AGENT) {
                run.book.assigned(assigned.conv(), connection.endpoint());
            }
        } else if (frame instanceof ConvClosed closed) {
            run.errors.count("conversation closed by " + closed.by());
        }
        // queue positions, pongs, typing and the like do not matter here
    }

    private void message(Endpoint receiver, Msg msg) {
        ConvTrack track = run.book.byId(msg.conv());
        if (track == null) {
            run.errors.count("msg in an unknown conversation");
            return;
        }
        if (receiver.role() == Endpoint.Role.BUYER) {
            track.buyerSeq = run.checkSeq(track, track.buyerSeq, msg.seq());
        } else {
            track.agentSeq = run.checkSeq(track, track.agentSeq, msg.seq());
        }
        Stamp stamp = Stamp.parse(msg.body().text());
        boolean fromBuyer = msg.from().type() == PartyType.BUYER;
        if (stamp == null || stamp.conv() != track.index() || stamp.fromBuyer() != fromBuyer) {
            run.errors.count("msg without a matching stamp (" + msg.from().type() + ")");
            return;
        }
        run.arrived(receiver, track, stamp);
    }

    private void ok(EndpointHandler connection, Ok ok) {
        String re = ok.re();
        if (re == null || re.isEmpty()) {
            return;
        }
        Endpoint endpoint = connection.endpoint();
        if (Character.isDigit(re.charAt(0))) {
            SendId id = SendId.parse(re);
            if (id != null) {
                run.acked(run.book.get(id.conv()), id.at());
            }
        } else if (HELLO.equals(re)) {
            if (endpoint.role() == Endpoint.Role.AGENT) {
                write(endpoint, new Status(STATUS, AgentStatus.ONLINE));
            } else {
                connection.markReady();
            }
        } else if (STATUS.equals(re)) {
            connection.markReady();
        } else if (re.startsWith(OPEN) && ok.result() instanceof OkResult.OpenResult open) {
            ConvTrack track = run.book.get(Integer.parseInt(re.substring(OPEN.length())));
            if (track != null) {
                run.book.opened(track, open.conv());
            }
        }
    }

    private void error(EndpointHandler connection, ErrorFrame error) {
        String re = error.re();
        String kind = "error " + (error.code() == null ? "?" : error.code().wire());
        SendId id = re != null && !re.isEmpty() && Character.isDigit(re.charAt(0)) ? SendId.parse(re) : null;
        if (id != null) {
            run.rejected(run.book.get(id.conv()), kind);
        } else if (HELLO.equals(re) || STATUS.equals(re)) {
            connection.fail(kind + " to " + (HELLO.equals(re) ? "hello" : "status") + ": " + error.message());
        } else if (re != null && re.startsWith(OPEN)) {
            run.errors.count(kind + " to open: " + error.message());
            ConvTrack track = run.book.get(parseIndex(re.substring(OPEN.length())));
            if (track != null && error.code() == io.kefu.protocol.ErrorCode.OVERLOADED
                    && track.openAttempts < MAX_OPEN_ATTEMPTS && !run.stopping()) {
                // what a widget does: try again shortly (a cluster answers overloaded when a node is slow)
                track.openAttempts++;
                run.errors.count("open retried after overloaded");
                connection.channel().eventLoop().schedule(() -> open(track), OPEN_RETRY_MS,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                run.connections.openFailed.increment();
            }
        } else {
            run.errors.count(kind + ": " + error.message());
        }
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void write(Endpoint endpoint, Frame frame) {
        io.netty.channel.Channel ch = endpoint.channel();
        if (ch != null) {
            ch.writeAndFlush(frame(frame), ch.voidPromise());
        }
    }

    private WebSocketFrame frame(Frame frame) {
        ByteBuf bytes = Unpooled.wrappedBuffer(codec.encode(frame));
        return codec.text() ? new TextWebSocketFrame(bytes) : new BinaryWebSocketFrame(bytes);
    }
}
