package io.kefu.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kefu.protocol.AgentRef;
import io.kefu.protocol.Body;
import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Target;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Writes the values nested in frames and the flat fields of {@code ok} results. Skips null fields. */
final class JsonValueWriter {
    private JsonValueWriter() {
    }

    static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void number(JsonGenerator g, String name, Number value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.longValue());
        }
    }

    /** The fields of a message, without {@code t}: a {@code msg} push and each of {@code ok.messages}. */
    static void msgFields(JsonGenerator g, Msg m) throws IOException {
        string(g, "conv", m.conv());
        g.writeNumberField("seq", m.seq());
        if (m.from() != null) {
            g.writeObjectFieldStart("from");
            string(g, "type", m.from().type() == null ? null : m.from().type().wire());
            string(g, "id", m.from().id());
            g.writeEndObject();
        }
        string(g, "kind", m.kind());
        body(g, m.body());
        g.writeNumberField("ts", m.ts());
        string(g, "cmid", m.cmid());
        if (m.replyBy() != null) {
            g.writeNumberField("replyBy", m.replyBy());
        }
    }

    static void body(JsonGenerator g, Body body) throws IOException {
        if (body != null) {
            g.writeFieldName("body");
            map(g, body.fields());
        }
    }

    static void entry(JsonGenerator g, Entry e) throws IOException {
        if (e != null) {
            g.writeObjectFieldStart("entry");
            string(g, "type", e.type());
            string(g, "ref", e.ref());
            g.writeEndObject();
        }
    }

    /** {@code name: {id, name}} for a compliance rule, if any. */
    static void rule(JsonGenerator g, String name, io.kefu.protocol.RuleRef rule) throws IOException {
        if (rule != null) {
            g.writeObjectFieldStart(name);
            string(g, "id", rule.id());
            string(g, "name", rule.name());
            g.writeEndObject();
        }
    }

    static void agent(JsonGenerator g, AgentRef a) throws IOException {
        if (a != null) {
            g.writeObjectFieldStart("agent");
            string(g, "id", a.id());
            string(g, "name", a.name());
            g.writeEndObject();
        }
    }

    static void buyer(JsonGenerator g, BuyerRef b) throws IOException {
        if (b != null) {
            g.writeObjectFieldStart("buyer");
            string(g, "id", b.id());
            string(g, "name", b.name());
            g.writeArrayFieldStart("tags");
            for (String tag : b.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    static void target(JsonGenerator g, String name, Target t) throws IOException {
        if (t != null) {
            g.writeObjectFieldStart(name);
            string(g, "agent", t.agent());
            string(g, "group", t.group());
            g.writeEndObject();
        }
    }

    /** The result's fields, flat beside {@code t} and {@code re}. */
    static void result(JsonGenerator g, OkResult result) throws IOException {
        if (result instanceof OkResult.SendResult s) {
            string(g, "conv", s.conv());
            g.writeNumberField("seq", s.seq());
            g.writeNumberField("ts", s.ts());
            string(g, "text", s.text());
            if (s.warning() != null) {
                g.writeObjectFieldStart("warning");
                rule(g, "rule", s.warning());
                g.writeEndObject();
            }
        } else if (result instanceof OkResult.ScriptFillResult f) {
            string(g, "text", f.text());
            g.writeArrayFieldStart("missing");
            for (String name : f.missing()) {
                g.writeString(name);
            }
            g.writeEndArray();
        } else if (result instanceof OkResult.MessagesResult m) {
            g.writeArrayFieldStart("messages");
            for (Msg msg : m.messages()) {
                g.writeStartObject();
                msgFields(g, msg);
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (result instanceof OkResult.OpenResult o) {
            string(g, "conv", o.conv());
            string(g, "state", o.state() == null ? null : o.state().wire());
        } else if (result instanceof OkResult.HelloResult h) {
            hello(g, h);
        }
    }

    private static void hello(JsonGenerator g, OkResult.HelloResult h) throws IOException {
        string(g, "userId", h.userId());
        string(g, "role", h.role() == null ? null : h.role().wire());
        string(g, "shopId", h.shopId());
        string(g, "sessionId", h.sessionId());
        g.writeNumberField("heartbeatSec", h.heartbeatSec());
        g.writeNumberField("serverTime", h.serverTime());
        g.writeArrayFieldStart("conversations");
        for (ConvSummary c : h.conversations()) {
            g.writeStartObject();
            string(g, "conv", c.conv());
            string(g, "shopId", c.shopId());
            string(g, "state", c.state() == null ? null : c.state().wire());
            g.writeNumberField("lastSeq", c.lastSeq());
            if (c.replyBy() != null) {
                g.writeNumberField("replyBy", c.replyBy());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void map(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                g.writeFieldName(e.getKey().toString());
                value(g, e.getValue());
            }
        }
        g.writeEndObject();
    }

    /** Decimals, and integers too wide for 64 bits, travel as doubles, as they would from JavaScript. */
    private static boolean isFloating(Object v) {
        return v instanceof Double || v instanceof Float || v instanceof BigDecimal
                || v instanceof BigInteger big && big.bitLength() > 63;
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (isFloating(v)) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Map<?, ?> map) {
            map(g, map);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                value(g, element);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("body value of unsupported type " + v.getClass().getName());
        }
    }
}
