package io.kefu.protocol.json;

import io.kefu.protocol.AgentRef;
import io.kefu.protocol.Body;
import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Entry;
import io.kefu.protocol.FrameLimits;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Target;

import java.util.List;
import java.util.Map;

/** Decodes the values nested in frames (body, message, party, entry, refs, targets). */
final class JsonValueReader {
    private JsonValueReader() {
    }

    static Body body(JsonFields f, String name) throws DecodeException {
        Map<String, Object> map = f.optRawObject(name);
        if (map == null) {
            throw f.error(name, "required object field is missing");
        }
        if (depth(map) > FrameLimits.MAX_BODY_DEPTH) {
            throw f.error(name, "nested deeper than " + FrameLimits.MAX_BODY_DEPTH + " levels");
        }
        return new Body(map);
    }

    /** A message object: the fields of a {@code msg} push, also used inside {@code ok.messages}. */
    static Msg msg(JsonFields f) throws DecodeException {
        return new Msg(f.string("conv"), f.number("seq"), party(f.object("from")), f.string("kind"),
                body(f, "body"), f.number("ts"), f.optString("cmid"), f.optNumber("replyBy"));
    }

    static Entry optEntry(JsonFields f) throws DecodeException {
        JsonFields e = f.optObject("entry");
        return e == null ? null : new Entry(e.string("type"), e.optString("ref"));
    }

    static AgentRef agent(JsonFields f) throws DecodeException {
        return new AgentRef(f.string("id"), f.optString("name"));
    }

    static BuyerRef optBuyer(JsonFields f) throws DecodeException {
        JsonFields b = f.optObject("buyer");
        return b == null ? null : new BuyerRef(b.string("id"), b.optString("name"), b.strings("tags"));
    }

    static Target optTarget(JsonFields f, String name) throws DecodeException {
        JsonFields t = f.optObject(name);
        if (t == null) {
            return null;
        }
        Target target = new Target(t.optString("agent"), t.optString("group"));
        if (target.agent() == null && target.group() == null) {
            throw t.error("needs agent or group");
        }
        return target;
    }

    private static Party party(JsonFields f) throws DecodeException {
        return new Party(f.enumValue("type", PartyType::fromWire, "buyer, agent, bot, system"),
                f.optString("id"));
    }

    /** Levels of maps and lists in {@code value}, counting {@code value} itself; scalars are 0. */
    private static int depth(Object value) {
        int inner = 0;
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                inner = Math.max(inner, depth(v));
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                inner = Math.max(inner, depth(v));
            }
        } else {
            return 0;
        }
        return inner + 1;
    }
}
