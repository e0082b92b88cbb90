package io.kefu.protocol.binary;

import io.kefu.protocol.AfterSaleUpdate;
import io.kefu.protocol.Close;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Live;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;

/**
 * Writes a frame: its type byte, its fields in field-number order (absent ones left out), the end byte.
 * Client requests are written here; answers, pushes and nested records by {@link BinaryPushWriter}.
 */
final class BinaryFrameWriter {
    private BinaryFrameWriter() {
    }

    static void write(WireWriter w, Frame frame) {
        switch (frame.type()) {
            case Msg.TYPE -> BinaryPushWriter.msg(w, (Msg) frame);
            case Send.TYPE -> send(w, (Send) frame);
            case Ok.TYPE -> BinaryPushWriter.ok(w, (Ok) frame);
            case Read.TYPE -> read(w, (Read) frame);
            case Typing.TYPE -> typing(w, (Typing) frame);
            case Ping.TYPE -> start(w, FrameTypes.PING, frame);
            case Pong.TYPE -> BinaryPushWriter.pong(w, (Pong) frame);
            case ErrorFrame.TYPE -> BinaryPushWriter.error(w, (ErrorFrame) frame);
            default -> writeRare(w, frame);
        }
        w.rawByte(WireType.END);
    }

    private static void writeRare(WireWriter w, Frame frame) {
        switch (frame.type()) {
            case Hello.TYPE -> hello(w, (Hello) frame);
            case Open.TYPE -> open(w, (Open) frame);
            case Human.TYPE -> conv(w, FrameTypes.HUMAN, frame, ((Human) frame).conv());
            case ScriptFill.TYPE -> scriptFill(w, (ScriptFill) frame);
            case Rate.TYPE -> rate(w, (Rate) frame);
            case History.TYPE -> history(w, (History) frame);
            case Sync.TYPE -> sync(w, (Sync) frame);
            case Status.TYPE -> status(w, (Status) frame);
            case Pick.TYPE -> conv(w, FrameTypes.PICK, frame, ((Pick) frame).conv());
            case Transfer.TYPE -> transfer(w, (Transfer) frame);
            case Close.TYPE -> close(w, (Close) frame);
            case ConvQueued.TYPE -> BinaryPushWriter.queued(w, (ConvQueued) frame);
            case ConvAssigned.TYPE -> BinaryPushWriter.assigned(w, (ConvAssigned) frame);
            case ConvTransferred.TYPE -> BinaryPushWriter.transferred(w, (ConvTransferred) frame);
            case ConvClosed.TYPE -> BinaryPushWriter.closed(w, (ConvClosed) frame);
            case Survey.TYPE -> BinaryPushWriter.survey(w, (Survey) frame);
            case Notice.TYPE -> BinaryPushWriter.notice(w, (Notice) frame);
            case AfterSaleUpdate.TYPE -> BinaryPushWriter.aftersale(w, (AfterSaleUpdate) frame);
            case Live.TYPE -> BinaryPushWriter.live(w, (Live) frame);
            default -> throw new IllegalArgumentException("no binary writer for frame type " + frame.type());
        }
    }

    /** The type byte and, for requests, field 1 {@code id}. */
    private static void start(WireWriter w, int type, Frame frame) {
        w.rawByte(type);
        w.id(1, frame.id());
    }

    private static void conv(WireWriter w, int type, Frame frame, String conv) {
        start(w, type, frame);
        w.id(2, conv);
    }

    private static void hello(WireWriter w, Hello h) {
        start(w, FrameTypes.HELLO, h);
        w.string(2, h.token());
    }

    private static void open(WireWriter w, Open o) {
        start(w, FrameTypes.OPEN, o);
        w.id(2, o.shopId());
        BinaryPushWriter.entry(w, 3, o.entry());
        w.string(4, o.text());
    }

    private static void rate(WireWriter w, Rate r) {
        conv(w, FrameTypes.RATE, r, r.conv());
        w.uint(3, r.score());
        w.string(4, r.comment());
    }

    private static void send(WireWriter w, Send s) {
        conv(w, FrameTypes.SEND, s, s.conv());
        w.id(3, s.cmid());
        BinaryPushWriter.kind(w, 4, s.kind());
        BinaryPushWriter.body(w, 5, s.body());
        w.id(6, s.script());
    }

    private static void scriptFill(WireWriter w, ScriptFill s) {
        conv(w, FrameTypes.SCRIPT_FILL, s, s.conv());
        w.id(3, s.script());
    }

    private static void read(WireWriter w, Read r) {
        conv(w, FrameTypes.READ, r, r.conv());
        w.uint(3, r.seq());
        w.id(4, r.by());
    }

    private static void typing(WireWriter w, Typing t) {
        conv(w, FrameTypes.TYPING, t, t.conv());
        w.id(3, t.by());
    }

    private static void history(WireWriter w, History h) {
        conv(w, FrameTypes.HISTORY, h, h.conv());
        w.optUint(3, h.beforeSeq());
        w.optUint(4, h.limit());
    }

    private static void sync(WireWriter w, Sync s) {
        conv(w, FrameTypes.SYNC, s, s.conv());
        w.uint(3, s.afterSeq());
        w.optUint(4, s.limit());
    }

    private static void status(WireWriter w, Status s) {
        start(w, FrameTypes.STATUS, s);
        if (s.value() != null) {
            w.uint(2, WireEnums.STATUSES.indexOf(s.value()));
        }
        w.id(3, s.agent());
        w.string(4, s.reason());
    }

    private static void transfer(WireWriter w, Transfer t) {
        conv(w, FrameTypes.TRANSFER, t, t.conv());
        w.id(3, t.toAgent());
        w.id(4, t.toGroup());
        w.string(5, t.note());
    }

    private static void close(WireWriter w, Close c) {
        conv(w, FrameTypes.CLOSE, c, c.conv());
        w.string(3, c.reason());
    }
}
