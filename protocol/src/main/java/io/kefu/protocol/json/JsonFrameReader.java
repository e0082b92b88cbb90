package io.kefu.protocol.json;

import io.kefu.protocol.AfterSaleStep;
import io.kefu.protocol.AfterSaleTicket;
import io.kefu.protocol.AfterSaleUpdate;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Close;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.DecodeException;
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
import io.kefu.protocol.Target;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;

import java.util.Map;

/** Turns the decoded fields of a top-level object into the frame its {@code t} names. */
final class JsonFrameReader {
    private JsonFrameReader() {
    }

    static Frame read(Map<String, Object> values) throws DecodeException {
        String type = new JsonFields("", values).string("t");
        JsonFields f = new JsonFields(type, values);
        switch (type) {
            case Msg.TYPE:
                return JsonValueReader.msg(f);
            case Send.TYPE:
                return send(f);
            case Ok.TYPE:
                return JsonOkReader.ok(f);
            case Read.TYPE:
                return new Read(f.optString("id"), f.string("conv"), f.number("seq"), f.optString("by"));
            case Typing.TYPE:
                return new Typing(f.optString("id"), f.string("conv"), f.optString("by"));
            case Ping.TYPE:
                return new Ping(f.optString("id"));
            case Pong.TYPE:
                return new Pong(f.optString("re"), f.number("ts"));
            case ErrorFrame.TYPE:
                return JsonOkReader.error(f);
            default:
                return readRare(type, f);
        }
    }

    private static Frame readRare(String type, JsonFields f) throws DecodeException {
        switch (type) {
            case Hello.TYPE:
                return new Hello(f.optString("id"), f.string("token"));
            case Open.TYPE:
                return new Open(f.optString("id"), f.string("shopId"), JsonValueReader.optEntry(f),
                        f.optString("text"));
            case Human.TYPE:
                return new Human(f.optString("id"), f.string("conv"));
            case Rate.TYPE:
                return rate(f);
            case History.TYPE:
                return new History(f.optString("id"), f.string("conv"), f.optNumber("beforeSeq"),
                        f.optInt("limit"));
            case Sync.TYPE:
                return new Sync(f.optString("id"), f.string("conv"), f.number("afterSeq"), f.optInt("limit"));
            default:
                return readAgentOrPush(type, f);
        }
    }

    private static Frame readAgentOrPush(String type, JsonFields f) throws DecodeException {
        switch (type) {
            case Status.TYPE:
                return new Status(f.optString("id"),
                        f.enumValue("value", AgentStatus::fromWire, "online, busy, away, offline"),
                        f.optString("agent"), f.optString("reason"));
            case Pick.TYPE:
                return new Pick(f.optString("id"), f.string("conv"));
            case Transfer.TYPE:
                return transfer(f);
            case Close.TYPE:
                return new Close(f.optString("id"), f.string("conv"), f.optString("reason"));
            case ScriptFill.TYPE:
                return new ScriptFill(f.optString("id"), f.string("conv"), f.string("script"));
            case ConvQueued.TYPE:
                return new ConvQueued(f.string("conv"), f.optString("group"), f.intNumber("position"),
                        f.number("etaSec"), f.optString("priority"));
            case ConvAssigned.TYPE:
                return new ConvAssigned(f.string("conv"), JsonValueReader.agent(f.object("agent")),
                        f.optString("group"), JsonValueReader.optBuyer(f), JsonValueReader.optEntry(f),
                        f.optBoolean("fromBot"), f.optNumber("replyBy"));
            case ConvTransferred.TYPE:
                return convTransferred(f);
            case ConvClosed.TYPE:
                return new ConvClosed(f.string("conv"), f.optString("by"), f.optString("reason"));
            case Survey.TYPE:
                return new Survey(f.string("conv"));
            case Notice.TYPE:
                return new Notice(f.string("conv"), f.string("code"), f.optString("text"), f.optNumber("opensAt"));
            case Live.TYPE:
                return new Live(f.number("ts"), f.intNumber("conversations"), f.intNumber("queued"),
                        f.intNumber("waiting"), f.optNumber("oldestWaitingTs"), f.intNumber("agentsOnline"),
                        f.intNumber("chats"));
            case AfterSaleUpdate.TYPE:
                return new AfterSaleUpdate(aftersale(f.object("aftersale")));
            default:
                throw new DecodeException("unknown frame type " + JsonFields.quote(type));
        }
    }

    private static Send send(JsonFields f) throws DecodeException {
        String script = f.optString("script");
        if (script == null) {
            return new Send(f.optString("id"), f.string("conv"), f.string("cmid"), f.string("kind"),
                    JsonValueReader.body(f, "body"));
        }
        if (f.has("body")) {
            throw f.error("body", "must be absent when script is given (the server makes the text)");
        }
        String kind = f.optString("kind");
        if (kind != null && !kind.equals("text")) {
            throw f.error("kind", "must be absent or text when script is given, got " + JsonFields.quote(kind));
        }
        return new Send(f.optString("id"), f.string("conv"), f.string("cmid"), null, null, script);
    }

    private static Rate rate(JsonFields f) throws DecodeException {
        String id = f.optString("id");
        String conv = f.string("conv");
        int score = f.intNumber("score");
        if (score < 1 || score > 5) {
            throw f.error("score", "must be 1 to 5, got " + score);
        }
        return new Rate(id, conv, score, f.optString("comment"));
    }

    private static Transfer transfer(JsonFields f) throws DecodeException {
        Transfer t = new Transfer(f.optString("id"), f.string("conv"), f.optString("toAgent"),
                f.optString("toGroup"), f.optString("note"));
        if (t.toAgent() == null && t.toGroup() == null) {
            throw f.error("needs toAgent or toGroup");
        }
        return t;
    }

    private static ConvTransferred convTransferred(JsonFields f) throws DecodeException {
        String conv = f.string("conv");
        Target from = JsonValueReader.optTarget(f, "from");
        Target to = JsonValueReader.optTarget(f, "to");
        if (to == null) {
            throw f.error("to", "required object field is missing");
        }
        return new ConvTransferred(conv, from, to, f.optString("note"), f.optString("reason"), f.optNumber("replyBy"));
    }

    private static AfterSaleTicket aftersale(JsonFields a) throws DecodeException {
        JsonFields s = a.optObject("last");
        AfterSaleStep last = s == null ? null : new AfterSaleStep(s.optString("by"), s.optString("role"),
                s.string("action"), s.optString("from"), s.string("to"), s.optString("note"), s.number("ts"));
        return new AfterSaleTicket(a.string("id"), a.optString("shopId"), a.string("orderNo"), a.optString("buyerId"),
                a.optString("conv"), a.string("type"), a.string("state"), a.optString("reason"),
                a.optNumber("amount"), a.strings("evidence"), a.number("createdAt"), a.number("updatedAt"),
                a.optNumber("replyBy"), last);
    }
}
