package io.kefu.protocol.json;

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
 * Decodes the answers {@code ok} and {@code error}. An {@code ok} carries its result flat, so the result
 * type is inferred from the fields present: {@code userId} → hello, {@code messages} → history/sync,
 * {@code seq} → send, {@code state} → open, none of them → empty.
 */
final class JsonOkReader {
    private static final String STATES = "bot, queued, assigned, closed";

    private JsonOkReader() {
    }

    static Ok ok(JsonFields f) throws DecodeException {
        String re = f.optString("re");
        return new Ok(re, result(f));
    }

    static ErrorFrame error(JsonFields f) throws DecodeException {
        String re = f.optString("re");
        String wire = f.string("code");
        ErrorCode code = ErrorCode.fromWire(wire)
                .orElseThrow(() -> f.error("code", "unknown error code " + JsonFields.quote(wire)));
        return new ErrorFrame(re, code, f.string("message"), rule(f.optObject("rule")));
    }

    private static RuleRef rule(JsonFields r) throws DecodeException {
        return r == null ? null : new RuleRef(r.string("id"), r.optString("name"));
    }

    private static OkResult result(JsonFields f) throws DecodeException {
        if (f.has("userId")) {
            return hello(f);
        } else if (f.has("messages")) {
            List<Msg> messages = new ArrayList<>();
            for (JsonFields m : f.objects("messages")) {
                messages.add(JsonValueReader.msg(m));
            }
            return new OkResult.MessagesResult(messages);
        } else if (f.has("seq")) {
            JsonFields warning = f.optObject("warning");
            return new OkResult.SendResult(f.string("conv"), f.number("seq"), f.number("ts"), f.optString("text"),
                    warning == null ? null : rule(warning.object("rule")));
        } else if (f.has("missing")) {
            return new OkResult.ScriptFillResult(f.string("text"), f.strings("missing"));
        } else if (f.has("state")) {
            return new OkResult.OpenResult(f.string("conv"), f.enumValue("state", ConvState::fromWire, STATES));
        }
        return OkResult.Empty.INSTANCE;
    }

    private static OkResult.HelloResult hello(JsonFields f) throws DecodeException {
        List<ConvSummary> conversations = new ArrayList<>();
        for (JsonFields c : f.objects("conversations")) {
            conversations.add(new ConvSummary(c.string("conv"), c.string("shopId"),
                    c.enumValue("state", ConvState::fromWire, STATES), c.number("lastSeq"), c.optNumber("replyBy")));
        }
        return new OkResult.HelloResult(f.string("userId"),
                f.enumValue("role", Role::fromWire, "buyer, agent, supervisor, admin"), f.optString("shopId"),
                f.string("sessionId"), f.intNumber("heartbeatSec"), f.number("serverTime"), conversations);
    }
}
