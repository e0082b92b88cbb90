package io.kefu.protocol.binary;

import io.kefu.protocol.AfterSaleStep;
import io.kefu.protocol.AfterSaleTicket;
import io.kefu.protocol.AfterSaleUpdate;
import io.kefu.protocol.AgentRef;
import io.kefu.protocol.Body;
import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Entry;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.RuleRef;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Live;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Target;

/** Writes the server's answers and pushes, and the records nested in frames. */
final class BinaryPushWriter {
    private BinaryPushWriter() {
    }

    static void msg(WireWriter w, Msg m) {
        w.rawByte(FrameTypes.MSG);
        msgFields(w, m);
    }

    static void ok(WireWriter w, Ok ok) {
        w.rawByte(FrameTypes.OK);
        w.id(1, ok.re());
        OkResult result = ok.result();
        if (result instanceof OkResult.SendResult s) {
            int at = w.beginRecord(4);
            w.id(1, s.conv());
            w.uint(2, s.seq());
            w.uint(3, s.ts());
            w.string(4, s.text());
            rule(w, 5, s.warning());
            w.endRecord(at);
        } else if (result instanceof OkResult.ScriptFillResult f) {
            int at = w.beginRecord(6);
            w.string(1, f.text());
            for (String name : f.missing()) {
                w.string(2, name);
            }
            w.endRecord(at);
        } else if (result instanceof OkResult.MessagesResult m) {
            int at = w.beginRecord(5);
            for (Msg msg : m.messages()) {
                int msgAt = w.beginRecord(1);
                msgFields(w, msg);
                w.endRecord(msgAt);
            }
            w.endRecord(at);
        } else if (result instanceof OkResult.OpenResult o) {
            int at = w.beginRecord(3);
            w.id(1, o.conv());
            enumField(w, 2, WireEnums.STATES.indexOf(o.state()));
            w.endRecord(at);
        } else if (result instanceof OkResult.HelloResult h) {
            hello(w, h);
        }
    }

    static void error(WireWriter w, ErrorFrame e) {
        w.rawByte(FrameTypes.ERROR);
        w.id(1, e.re());
        enumField(w, 2, WireEnums.ERRORS.indexOf(e.code()));
        w.string(3, e.message());
        rule(w, 4, e.rule());
    }

    /** A compliance rule reference {@code {1 id, 2 name}} as record field {@code field}, if any. */
    static void rule(WireWriter w, int field, RuleRef rule) {
        if (rule != null) {
            int at = w.beginRecord(field);
            w.id(1, rule.id());
            w.string(2, rule.name());
            w.endRecord(at);
        }
    }

    static void pong(WireWriter w, Pong p) {
        w.rawByte(FrameTypes.PONG);
        w.uint(1, p.ts());
        w.id(2, p.re());
    }

    static void queued(WireWriter w, ConvQueued q) {
        w.rawByte(FrameTypes.CONV_QUEUED);
        w.id(1, q.conv());
        w.id(2, q.group());
        w.uint(3, q.position());
        w.uint(4, q.etaSec());
        w.string(5, q.priority());
    }

    static void assigned(WireWriter w, ConvAssigned a) {
        w.rawByte(FrameTypes.CONV_ASSIGNED);
        w.id(1, a.conv());
        AgentRef agent = a.agent();
        if (agent != null) {
            int at = w.beginRecord(2);
            w.id(1, agent.id());
            w.string(2, agent.name());
            w.endRecord(at);
        }
        w.id(3, a.group());
        buyer(w, a.buyer());
        entry(w, 5, a.entry());
        if (a.fromBot()) {
            w.uint(6, 1);
        }
        w.optUint(7, a.replyBy());
    }

    static void transferred(WireWriter w, ConvTransferred t) {
        w.rawByte(FrameTypes.CONV_TRANSFERRED);
        w.id(1, t.conv());
        target(w, 2, t.from());
        target(w, 3, t.to());
        w.string(4, t.note());
        w.string(5, t.reason());
        w.optUint(6, t.replyBy());
    }

    static void notice(WireWriter w, Notice n) {
        w.rawByte(FrameTypes.NOTICE);
        w.id(1, n.conv());
        w.string(2, n.code());
        w.string(3, n.text());
        w.optUint(4, n.opensAt());
    }

    /** {@code live} (v1.1): the shop's live picture in brief. */
    static void live(WireWriter w, Live l) {
        w.rawByte(FrameTypes.LIVE);
        w.uint(1, l.ts());
        w.uint(2, l.conversations());
        w.uint(3, l.queued());
        w.uint(4, l.waiting());
        w.optUint(5, l.oldestWaitingTs());
        w.uint(6, l.agentsOnline());
        w.uint(7, l.chats());
    }

    /** {@code aftersale}: field 1 the ticket record (layout in docs/protocol.md). */
    static void aftersale(WireWriter w, AfterSaleUpdate u) {
        w.rawByte(FrameTypes.AFTERSALE);
        AfterSaleTicket a = u.aftersale();
        int at = w.beginRecord(1);
        w.id(1, a.id());
        w.id(2, a.shopId());
        w.string(3, a.orderNo());
        w.id(4, a.buyerId());
        w.id(5, a.conv());
        w.string(6, a.type());
        w.string(7, a.state());
        w.string(8, a.reason());
        w.optUint(9, a.amount());
        for (String url : a.evidence()) {
            w.string(10, url);
        }
        w.uint(11, a.createdAt());
        w.uint(12, a.updatedAt());
        w.optUint(13, a.replyBy());
        AfterSaleStep s = a.last();
        if (s != null) {
            int stepAt = w.beginRecord(14);
            w.id(1, s.by());
            w.string(2, s.role());
            w.string(3, s.action());
            w.string(4, s.from());
            w.string(5, s.to());
            w.string(6, s.note());
            w.uint(7, s.ts());
            w.endRecord(stepAt);
        }
        w.endRecord(at);
    }

    static void closed(WireWriter w, ConvClosed c) {
        w.rawByte(FrameTypes.CONV_CLOSED);
        w.id(1, c.conv());
        w.id(2, c.by());
        w.string(3, c.reason());
    }

    static void survey(WireWriter w, Survey s) {
        w.rawByte(FrameTypes.SURVEY);
        w.id(1, s.conv());
    }

    static void entry(WireWriter w, int field, Entry e) {
        if (e != null) {
            int at = w.beginRecord(field);
            w.string(1, e.type());
            w.id(2, e.ref());
            w.endRecord(at);
        }
    }

    /** A well-known kind as its number (varint), any other as a string (bytes). */
    static void kind(WireWriter w, int field, String kind) {
        if (kind != null) {
            int known = WireEnums.kindIndex(kind);
            if (known >= 0) {
                w.uint(field, known);
            } else {
                w.string(field, kind);
            }
        }
    }

    static void body(WireWriter w, int field, Body body) {
        if (body != null) {
            int at = w.beginRecord(field);
            BodyWriter.map(w, body.fields());
            w.endRecord(at);
        }
    }

    /** The fields of a message: a {@code msg} push and each element of {@code ok.messages}. */
    private static void msgFields(WireWriter w, Msg m) {
        w.id(1, m.conv());
        w.uint(2, m.seq());
        if (m.from() != null) {
            int at = w.beginRecord(3);
            enumField(w, 1, WireEnums.PARTIES.indexOf(m.from().type()));
            w.id(2, m.from().id());
            w.endRecord(at);
        }
        kind(w, 4, m.kind());
        body(w, 5, m.body());
        w.uint(6, m.ts());
        w.id(7, m.cmid());
        w.optUint(8, m.replyBy());
    }

    private static void hello(WireWriter w, OkResult.HelloResult h) {
        int at = w.beginRecord(2);
        w.id(1, h.userId());
        enumField(w, 2, WireEnums.ROLES.indexOf(h.role()));
        w.id(3, h.shopId());
        w.id(4, h.sessionId());
        w.uint(5, h.heartbeatSec());
        w.uint(6, h.serverTime());
        for (ConvSummary c : h.conversations()) {
            int convAt = w.beginRecord(7);
            w.id(1, c.conv());
            w.id(2, c.shopId());
            enumField(w, 3, WireEnums.STATES.indexOf(c.state()));
            w.uint(4, c.lastSeq());
            w.optUint(5, c.replyBy());
            w.endRecord(convAt);
        }
        w.endRecord(at);
    }

    private static void buyer(WireWriter w, BuyerRef b) {
        if (b != null) {
            int at = w.beginRecord(4);
            w.id(1, b.id());
            w.string(2, b.name());
            for (String tag : b.tags()) {
                w.string(3, tag);
            }
            w.endRecord(at);
        }
    }

    private static void target(WireWriter w, int field, Target t) {
        if (t != null) {
            int at = w.beginRecord(field);
            w.id(1, t.agent());
            w.id(2, t.group());
            w.endRecord(at);
        }
    }

    /** An enum's number; a {@code null} enum ({@code indexOf} gave -1) is left out. */
    private static void enumField(WireWriter w, int field, int index) {
        if (index >= 0) {
            w.uint(field, index);
        }
    }
}
