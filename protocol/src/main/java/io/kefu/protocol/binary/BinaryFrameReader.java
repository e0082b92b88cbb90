package io.kefu.protocol.binary;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.Close;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;

/**
 * Reads the client requests (type bytes {@code 0x01..0x1F}); each reads its fields in any order,
 * skips unknown ones, then checks the required ones. Answers and pushes are read by
 * {@link BinaryPushReader}. Field 1 of every request is {@code id}.
 */
final class BinaryFrameReader {
    private BinaryFrameReader() {
    }

    static Frame request(int type, FieldReader r) throws DecodeException {
        switch (type) {
            case FrameTypes.SEND:
                return send(r);
            case FrameTypes.READ:
                return read(r);
            case FrameTypes.TYPING:
                return typing(r);
            case FrameTypes.PING:
                return new Ping(idOnly(r));
            case FrameTypes.HELLO:
                return hello(r);
            case FrameTypes.OPEN:
                return open(r);
            case FrameTypes.HISTORY:
                return history(r);
            case FrameTypes.SYNC:
                return sync(r);
            default:
                return requestRare(type, r);
        }
    }

    private static Frame requestRare(int type, FieldReader r) throws DecodeException {
        switch (type) {
            case FrameTypes.HUMAN: {
                String conv = convOnly(r);
                return new Human(r.requestId(), conv);
            }
            case FrameTypes.PICK: {
                String conv = convOnly(r);
                return new Pick(r.requestId(), conv);
            }
            case FrameTypes.RATE:
                return rate(r);
            case FrameTypes.STATUS:
                return status(r);
            case FrameTypes.TRANSFER:
                return transfer(r);
            case FrameTypes.CLOSE:
                return close(r);
            case FrameTypes.SCRIPT_FILL:
                return scriptFill(r);
            default:
                throw new DecodeException("unknown frame type 0x" + Integer.toHexString(type));
        }
    }

    private static String idOnly(FieldReader r) throws DecodeException {
        String id = null;
        while (r.next()) {
            if (r.field() == 1) {
                id = r.requestIdField();
            } else {
                r.skip();
            }
        }
        return id;
    }

    /** Frames with {@code id} and {@code conv} only ({@code human}, {@code pick}). */
    private static String convOnly(FieldReader r) throws DecodeException {
        String conv = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> r.requestIdField();
                case 2 -> conv = r.id("conv");
                default -> r.skip();
            }
        }
        return r.require(conv, "conv");
    }

    private static Hello hello(FieldReader r) throws DecodeException {
        String id = null;
        String token = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> token = r.string("token");
                default -> r.skip();
            }
        }
        return new Hello(id, r.require(token, "token"));
    }

    private static Open open(FieldReader r) throws DecodeException {
        String id = null;
        String shopId = null;
        Entry entry = null;
        String text = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> shopId = r.id("shopId");
                case 3 -> entry = BinaryPushReader.entry(r);
                case 4 -> text = r.string("text");
                default -> r.skip();
            }
        }
        return new Open(id, r.require(shopId, "shopId"), entry, text);
    }

    private static Rate rate(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        Integer score = null;
        String comment = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> score = r.int32("score");
                case 4 -> comment = r.string("comment");
                default -> r.skip();
            }
        }
        int s = r.require(score, "score");
        if (s < 1 || s > 5) {
            throw r.error("score", "must be 1 to 5, got " + s);
        }
        return new Rate(id, r.require(conv, "conv"), s, comment);
    }

    private static Send send(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        String cmid = null;
        String kind = null;
        Body body = null;
        String script = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> cmid = r.id("cmid");
                case 4 -> kind = BinaryPushReader.kind(r);
                case 5 -> body = BinaryPushReader.body(r);
                case 6 -> script = r.id("script");
                default -> r.skip();
            }
        }
        if (script != null) {
            if (body != null) {
                throw r.error("body", "must be absent when script is given (the server makes the text)");
            }
            if (kind != null && !kind.equals("text")) {
                throw r.error("kind", "must be absent or text when script is given, got " + kind);
            }
            return new Send(id, r.require(conv, "conv"), r.require(cmid, "cmid"), null, null, script);
        }
        return new Send(id, r.require(conv, "conv"), r.require(cmid, "cmid"), r.require(kind, "kind"),
                r.require(body, "body"));
    }

    private static ScriptFill scriptFill(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        String script = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> script = r.id("script");
                default -> r.skip();
            }
        }
        return new ScriptFill(id, r.require(conv, "conv"), r.require(script, "script"));
    }

    private static Read read(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        Long seq = null;
        String by = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> seq = r.uint("seq");
                case 4 -> by = r.id("by");
                default -> r.skip();
            }
        }
        return new Read(id, r.require(conv, "conv"), r.require(seq, "seq"), by);
    }

    private static Typing typing(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        String by = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> by = r.id("by");
                default -> r.skip();
            }
        }
        return new Typing(id, r.require(conv, "conv"), by);
    }

    private static History history(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        Long beforeSeq = null;
        Integer limit = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> beforeSeq = r.uint("beforeSeq");
                case 4 -> limit = r.int32("limit");
                default -> r.skip();
            }
        }
        return new History(id, r.require(conv, "conv"), beforeSeq, limit);
    }

    private static Sync sync(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        Long afterSeq = null;
        Integer limit = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> afterSeq = r.uint("afterSeq");
                case 4 -> limit = r.int32("limit");
                default -> r.skip();
            }
        }
        return new Sync(id, r.require(conv, "conv"), r.require(afterSeq, "afterSeq"), limit);
    }

    private static Status status(FieldReader r) throws DecodeException {
        String id = null;
        AgentStatus value = null;
        String agent = null;
        String reason = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> value = r.enumValue("value", WireEnums.STATUSES);
                case 3 -> agent = r.id("agent");
                case 4 -> reason = r.string("reason");
                default -> r.skip();
            }
        }
        return new Status(id, r.require(value, "value"), agent, reason);
    }

    private static Transfer transfer(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        String toAgent = null;
        String toGroup = null;
        String note = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> toAgent = r.id("toAgent");
                case 4 -> toGroup = r.id("toGroup");
                case 5 -> note = r.string("note");
                default -> r.skip();
            }
        }
        if (toAgent == null && toGroup == null) {
            throw r.error("needs toAgent or toGroup");
        }
        return new Transfer(id, r.require(conv, "conv"), toAgent, toGroup, note);
    }

    private static Close close(FieldReader r) throws DecodeException {
        String id = null;
        String conv = null;
        String reason = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.requestIdField();
                case 2 -> conv = r.id("conv");
                case 3 -> reason = r.string("reason");
                default -> r.skip();
            }
        }
        return new Close(id, r.require(conv, "conv"), reason);
    }
}
