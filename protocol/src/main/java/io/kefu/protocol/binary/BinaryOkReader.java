package io.kefu.protocol.binary;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Role;
import io.kefu.protocol.RuleRef;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answers {@code ok} (0x20) and {@code error} (0x21). Unlike JSON, a binary {@code ok} names
 * its result by field number (2 hello, 3 open, 4 send, 5 messages, 6 script.fill; none → empty), so nothing is
 * inferred; a result field a newer server adds is skipped and reads as empty.
 */
final class BinaryOkReader {
    private BinaryOkReader() {
    }

    static Ok ok(FieldReader r) throws DecodeException {
        String re = null;
        OkResult result = null;
        while (r.next()) {
            int field = r.field();
            if (field == 1) {
                re = r.id("re");
            } else if (field >= 2 && field <= 6) {
                if (result != null) {
                    throw r.error("more than one result");
                }
                result = result(field, r);
            } else {
                r.skip();
            }
        }
        return new Ok(re, result);
    }

    static ErrorFrame error(FieldReader r) throws DecodeException {
        String re = null;
        ErrorCode code = null;
        String message = null;
        RuleRef rule = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> re = r.id("re");
                case 2 -> code = r.enumValue("code", WireEnums.ERRORS);
                case 3 -> message = r.string("message");
                case 4 -> rule = rule(r, "rule");
                default -> r.skip();
            }
        }
        return new ErrorFrame(re, r.require(code, "code"), r.require(message, "message"), rule);
    }

    private static RuleRef rule(FieldReader r, String name) throws DecodeException {
        r.enter(name);
        String id = null;
        String ruleName = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.id("id");
                case 2 -> ruleName = r.string("name");
                default -> r.skip();
            }
        }
        RuleRef rule = new RuleRef(r.require(id, "id"), ruleName);
        r.exit();
        return rule;
    }

    private static OkResult result(int field, FieldReader r) throws DecodeException {
        switch (field) {
            case 2:
                return hello(r);
            case 3:
                return open(r);
            case 4:
                return send(r);
            case 6:
                return scriptFill(r);
            default:
                return messages(r);
        }
    }

    private static OkResult.HelloResult hello(FieldReader r) throws DecodeException {
        r.enter("hello");
        String userId = null;
        Role role = null;
        String shopId = null;
        String sessionId = null;
        Integer heartbeatSec = null;
        Long serverTime = null;
        List<ConvSummary> conversations = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> userId = r.id("userId");
                case 2 -> role = r.enumValue("role", WireEnums.ROLES);
                case 3 -> shopId = r.id("shopId");
                case 4 -> sessionId = r.id("sessionId");
                case 5 -> heartbeatSec = r.int32("heartbeatSec");
                case 6 -> serverTime = r.uint("serverTime");
                case 7 -> r.addRepeated(conversations, summary(r, conversations.size()));
                default -> r.skip();
            }
        }
        OkResult.HelloResult hello = new OkResult.HelloResult(r.require(userId, "userId"), r.require(role, "role"),
                shopId, r.require(sessionId, "sessionId"), r.require(heartbeatSec, "heartbeatSec"),
                r.require(serverTime, "serverTime"), conversations);
        r.exit();
        return hello;
    }

    private static ConvSummary summary(FieldReader r, int index) throws DecodeException {
        r.enter("conversations", index);
        String conv = null;
        String shopId = null;
        ConvState state = null;
        Long lastSeq = null;
        Long replyBy = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> shopId = r.id("shopId");
                case 3 -> state = r.enumValue("state", WireEnums.STATES);
                case 4 -> lastSeq = r.uint("lastSeq");
                case 5 -> replyBy = r.uint("replyBy");
                default -> r.skip();
            }
        }
        ConvSummary summary = new ConvSummary(r.require(conv, "conv"), r.require(shopId, "shopId"),
                r.require(state, "state"), r.require(lastSeq, "lastSeq"), replyBy);
        r.exit();
        return summary;
    }

    private static OkResult.OpenResult open(FieldReader r) throws DecodeException {
        r.enter("open");
        String conv = null;
        ConvState state = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> state = r.enumValue("state", WireEnums.STATES);
                default -> r.skip();
            }
        }
        OkResult.OpenResult open = new OkResult.OpenResult(r.require(conv, "conv"), r.require(state, "state"));
        r.exit();
        return open;
    }

    private static OkResult.SendResult send(FieldReader r) throws DecodeException {
        r.enter("send");
        String conv = null;
        Long seq = null;
        Long ts = null;
        String text = null;
        RuleRef warning = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> seq = r.uint("seq");
                case 3 -> ts = r.uint("ts");
                case 4 -> text = r.string("text");
                case 5 -> warning = rule(r, "warning");
                default -> r.skip();
            }
        }
        OkResult.SendResult send = new OkResult.SendResult(r.require(conv, "conv"), r.require(seq, "seq"),
                r.require(ts, "ts"), text, warning);
        r.exit();
        return send;
    }

    private static OkResult.ScriptFillResult scriptFill(FieldReader r) throws DecodeException {
        r.enter("scriptFill");
        String text = null;
        List<String> missing = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> text = r.string("text");
                case 2 -> r.addRepeated(missing, r.string("missing"));
                default -> r.skip();
            }
        }
        OkResult.ScriptFillResult fill = new OkResult.ScriptFillResult(r.require(text, "text"), missing);
        r.exit();
        return fill;
    }

    private static OkResult.MessagesResult messages(FieldReader r) throws DecodeException {
        r.enter("messages");
        List<Msg> messages = new ArrayList<>();
        while (r.next()) {
            if (r.field() == 1) {
                r.enter("", messages.size());
                Msg msg = BinaryPushReader.msgFields(r);
                r.exit();
                r.addRepeated(messages, msg);
            } else {
                r.skip();
            }
        }
        r.exit();
        return new OkResult.MessagesResult(messages);
    }
}
