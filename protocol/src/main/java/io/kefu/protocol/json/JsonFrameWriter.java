package io.kefu.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kefu.protocol.AfterSaleStep;
import io.kefu.protocol.AfterSaleTicket;
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
import io.kefu.protocol.Live;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;

import java.io.IOException;

import static io.kefu.protocol.json.JsonValueWriter.number;
import static io.kefu.protocol.json.JsonValueWriter.string;

/**
 * Writes a frame as one JSON object: {@code t} first, then {@code id} or {@code re}, then the frame's
 * fields in the order of the contract. Null fields are left out.
 */
final class JsonFrameWriter {
    private JsonFrameWriter() {
    }

    static void write(JsonGenerator g, Frame frame) throws IOException {
        g.writeStartObject();
        g.writeStringField("t", frame.type());
        string(g, "id", frame.id());
        switch (frame.type()) {
            case Msg.TYPE -> JsonValueWriter.msgFields(g, (Msg) frame);
            case Ok.TYPE -> ok(g, (Ok) frame);
            case Send.TYPE -> send(g, (Send) frame);
            case Read.TYPE -> read(g, (Read) frame);
            case Typing.TYPE -> typing(g, (Typing) frame);
            case Ping.TYPE -> { }
            case Pong.TYPE -> pong(g, (Pong) frame);
            case ErrorFrame.TYPE -> error(g, (ErrorFrame) frame);
            default -> writeRare(g, frame);
        }
        g.writeEndObject();
    }

    private static void pong(JsonGenerator g, Pong p) throws IOException {
        string(g, "re", p.re());
        g.writeNumberField("ts", p.ts());
    }

    private static void writeRare(JsonGenerator g, Frame frame) throws IOException {
        switch (frame.type()) {
            case Hello.TYPE -> string(g, "token", ((Hello) frame).token());
            case Open.TYPE -> open(g, (Open) frame);
            case Human.TYPE -> string(g, "conv", ((Human) frame).conv());
            case Rate.TYPE -> rate(g, (Rate) frame);
            case History.TYPE -> history(g, (History) frame);
            case Sync.TYPE -> sync(g, (Sync) frame);
            case Status.TYPE -> status(g, (Status) frame);
            case Pick.TYPE -> string(g, "conv", ((Pick) frame).conv());
            case Transfer.TYPE -> transfer(g, (Transfer) frame);
            case Close.TYPE -> close(g, (Close) frame);
            case ScriptFill.TYPE -> scriptFill(g, (ScriptFill) frame);
            default -> writePush(g, frame);
        }
    }

    private static void writePush(JsonGenerator g, Frame frame) throws IOException {
        switch (frame.type()) {
            case ConvQueued.TYPE -> queued(g, (ConvQueued) frame);
            case ConvAssigned.TYPE -> assigned(g, (ConvAssigned) frame);
            case ConvTransferred.TYPE -> transferred(g, (ConvTransferred) frame);
            case ConvClosed.TYPE -> closed(g, (ConvClosed) frame);
            case Survey.TYPE -> string(g, "conv", ((Survey) frame).conv());
            case Notice.TYPE -> notice(g, (Notice) frame);
            case Live.TYPE -> live(g, (Live) frame);
            case AfterSaleUpdate.TYPE -> aftersale(g, ((AfterSaleUpdate) frame).aftersale());
            default -> throw new IllegalArgumentException("no JSON writer for frame type " + frame.type());
        }
    }

    private static void ok(JsonGenerator g, Ok ok) throws IOException {
        string(g, "re", ok.re());
        JsonValueWriter.result(g, ok.result());
    }

    private static void error(JsonGenerator g, ErrorFrame e) throws IOException {
        string(g, "re", e.re());
        string(g, "code", e.code() == null ? null : e.code().wire());
        string(g, "message", e.message());
        JsonValueWriter.rule(g, "rule", e.rule());
    }

    private static void scriptFill(JsonGenerator g, ScriptFill s) throws IOException {
        string(g, "conv", s.conv());
        string(g, "script", s.script());
    }

    private static void send(JsonGenerator g, Send s) throws IOException {
        string(g, "conv", s.conv());
        string(g, "cmid", s.cmid());
        string(g, "kind", s.kind());
        if (s.body() != null) {
            JsonValueWriter.body(g, s.body());
        }
        string(g, "script", s.script());
    }

    private static void read(JsonGenerator g, Read r) throws IOException {
        string(g, "conv", r.conv());
        g.writeNumberField("seq", r.seq());
        string(g, "by", r.by());
    }

    private static void typing(JsonGenerator g, Typing t) throws IOException {
        string(g, "conv", t.conv());
        string(g, "by", t.by());
    }

    private static void open(JsonGenerator g, Open o) throws IOException {
        string(g, "shopId", o.shopId());
        JsonValueWriter.entry(g, o.entry());
        string(g, "text", o.text());
    }

    private static void rate(JsonGenerator g, Rate r) throws IOException {
        string(g, "conv", r.conv());
        g.writeNumberField("score", r.score());
        string(g, "comment", r.comment());
    }

    private static void history(JsonGenerator g, History h) throws IOException {
        string(g, "conv", h.conv());
        number(g, "beforeSeq", h.beforeSeq());
        number(g, "limit", h.limit());
    }

    private static void sync(JsonGenerator g, Sync s) throws IOException {
        string(g, "conv", s.conv());
        g.writeNumberField("afterSeq", s.afterSeq());
        number(g, "limit", s.limit());
    }

    private static void transfer(JsonGenerator g, Transfer t) throws IOException {
        string(g, "conv", t.conv());
        string(g, "toAgent", t.toAgent());
        string(g, "toGroup", t.toGroup());
        string(g, "note", t.note());
    }

    private static void status(JsonGenerator g, Status s) throws IOException {
        string(g, "agent", s.agent());
        string(g, "value", s.value() == null ? null : s.value().wire());
        string(g, "reason", s.reason());
    }

    private static void live(JsonGenerator g, Live l) throws IOException {
        g.writeNumberField("ts", l.ts());
        g.writeNumberField("conversations", l.conversations());
        g.writeNumberField("queued", l.queued());
        g.writeNumberField("waiting", l.waiting());
        if (l.oldestWaitingTs() != null) {
            g.writeNumberField("oldestWaitingTs", l.oldestWaitingTs());
        }
        g.writeNumberField("agentsOnline", l.agentsOnline());
        g.writeNumberField("chats", l.chats());
    }

    private static void notice(JsonGenerator g, Notice n) throws IOException {
        string(g, "conv", n.conv());
        string(g, "code", n.code());
        string(g, "text", n.text());
        if (n.opensAt() != null) {
            g.writeNumberField("opensAt", n.opensAt());
        }
    }

    private static void close(JsonGenerator g, Close c) throws IOException {
        string(g, "conv", c.conv());
        string(g, "reason", c.reason());
    }

    private static void queued(JsonGenerator g, ConvQueued q) throws IOException {
        string(g, "conv", q.conv());
        string(g, "group", q.group());
        g.writeNumberField("position", q.position());
        g.writeNumberField("etaSec", q.etaSec());
        string(g, "priority", q.priority());
    }

    private static void assigned(JsonGenerator g, ConvAssigned a) throws IOException {
        string(g, "conv", a.conv());
        JsonValueWriter.agent(g, a.agent());
        string(g, "group", a.group());
        JsonValueWriter.buyer(g, a.buyer());
        JsonValueWriter.entry(g, a.entry());
        if (a.fromBot()) {
            g.writeBooleanField("fromBot", true);
        }
        if (a.replyBy() != null) {
            g.writeNumberField("replyBy", a.replyBy());
        }
    }

    private static void transferred(JsonGenerator g, ConvTransferred t) throws IOException {
        string(g, "conv", t.conv());
        JsonValueWriter.target(g, "from", t.from());
        JsonValueWriter.target(g, "to", t.to());
        string(g, "note", t.note());
        string(g, "reason", t.reason());
        if (t.replyBy() != null) {
            g.writeNumberField("replyBy", t.replyBy());
        }
    }

    private static void closed(JsonGenerator g, ConvClosed c) throws IOException {
        string(g, "conv", c.conv());
        string(g, "by", c.by());
        string(g, "reason", c.reason());
    }

    private static void aftersale(JsonGenerator g, AfterSaleTicket a) throws IOException {
        g.writeObjectFieldStart("aftersale");
        string(g, "id", a.id());
        string(g, "shopId", a.shopId());
        string(g, "orderNo", a.orderNo());
        string(g, "buyerId", a.buyerId());
        string(g, "conv", a.conv());
        string(g, "type", a.type());
        string(g, "state", a.state());
        string(g, "reason", a.reason());
        number(g, "amount", a.amount());
        if (!a.evidence().isEmpty()) {
            g.writeArrayFieldStart("evidence");
            for (String url : a.evidence()) {
                g.writeString(url);
            }
            g.writeEndArray();
        }
        g.writeNumberField("createdAt", a.createdAt());
        g.writeNumberField("updatedAt", a.updatedAt());
        number(g, "replyBy", a.replyBy());
        AfterSaleStep s = a.last();
        if (s != null) {
            g.writeObjectFieldStart("last");
            string(g, "by", s.by());
            string(g, "role", s.role());
            string(g, "action", s.action());
            string(g, "from", s.from());
            string(g, "to", s.to());
            string(g, "note", s.note());
            g.writeNumberField("ts", s.ts());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
