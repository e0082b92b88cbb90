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
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Live;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's pushes (type bytes {@code 0x22..0x3F}) and the records nested in frames. Each
 * nested record checks its required fields before it is left, so errors carry the record's path.
 */
final class BinaryPushReader {
    private BinaryPushReader() {
    }

    static Frame push(int type, FieldReader r) throws DecodeException {
        switch (type) {
            case FrameTypes.MSG:
                return msgFields(r);
            case FrameTypes.PONG:
                return pong(r);
            case FrameTypes.CONV_QUEUED:
                return queued(r);
            case FrameTypes.CONV_ASSIGNED:
                return assigned(r);
            case FrameTypes.CONV_TRANSFERRED:
                return transferred(r);
            case FrameTypes.CONV_CLOSED:
                return closed(r);
            case FrameTypes.SURVEY:
                return survey(r);
            case FrameTypes.NOTICE:
                return notice(r);
            case FrameTypes.LIVE:
                return live(r);
            case FrameTypes.AFTERSALE:
                return aftersaleUpdate(r);
            default:
                throw new DecodeException("unknown frame type 0x" + Integer.toHexString(type));
        }
    }

    /** The fields of a message, up to the end of the frame or of the enclosing record. */
    static Msg msgFields(FieldReader r) throws DecodeException {
        String conv = null;
        Long seq = null;
        Party from = null;
        String kind = null;
        Body body = null;
        Long ts = null;
        String cmid = null;
        Long replyBy = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> seq = r.uint("seq");
                case 3 -> from = party(r);
                case 4 -> kind = kind(r);
                case 5 -> body = body(r);
                case 6 -> ts = r.uint("ts");
                case 7 -> cmid = r.id("cmid");
                case 8 -> replyBy = r.uint("replyBy");
                default -> r.skip();
            }
        }
        return new Msg(r.require(conv, "conv"), r.require(seq, "seq"), r.require(from, "from"),
                r.require(kind, "kind"), r.require(body, "body"), r.require(ts, "ts"), cmid, replyBy);
    }

    /** A kind is a well-known number (varint) or any string (bytes). */
    static String kind(FieldReader r) throws DecodeException {
        return r.isBytes() ? r.string("kind") : r.enumValue("kind", WireEnums.KINDS);
    }

    static Body body(FieldReader r) throws DecodeException {
        r.enter("body");
        Map<String, Object> fields;
        try {
            fields = BodyReader.map(r.wire(), 1);
            if (r.wire().hasMore()) {
                throw new DecodeException(r.wire().remaining() + " bytes after the last entry");
            }
        } catch (DecodeException e) {
            throw r.error(e.getMessage());
        }
        r.exit();
        return new Body(fields);
    }

    static Entry entry(FieldReader r) throws DecodeException {
        r.enter("entry");
        String type = null;
        String ref = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = r.string("type");
                case 2 -> ref = r.id("ref");
                default -> r.skip();
            }
        }
        Entry entry = new Entry(r.require(type, "type"), ref);
        r.exit();
        return entry;
    }

    private static Party party(FieldReader r) throws DecodeException {
        r.enter("from");
        PartyType type = null;
        String id = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = r.enumValue("type", WireEnums.PARTIES);
                case 2 -> id = r.id("id");
                default -> r.skip();
            }
        }
        Party party = new Party(r.require(type, "type"), id);
        r.exit();
        return party;
    }

    private static Pong pong(FieldReader r) throws DecodeException {
        Long ts = null;
        String re = null;
        while (r.next()) {
            if (r.field() == 1) {
                ts = r.uint("ts");
            } else if (r.field() == 2) {
                re = r.id("re");
            } else {
                r.skip();
            }
        }
        return new Pong(re, r.require(ts, "ts"));
    }

    private static ConvQueued queued(FieldReader r) throws DecodeException {
        String conv = null;
        String group = null;
        Integer position = null;
        Long etaSec = null;
        String priority = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> group = r.id("group");
                case 3 -> position = r.int32("position");
                case 4 -> etaSec = r.uint("etaSec");
                case 5 -> priority = r.string("priority");
                default -> r.skip();
            }
        }
        return new ConvQueued(r.require(conv, "conv"), group, r.require(position, "position"),
                r.require(etaSec, "etaSec"), priority);
    }

    private static ConvAssigned assigned(FieldReader r) throws DecodeException {
        String conv = null;
        AgentRef agent = null;
        String group = null;
        BuyerRef buyer = null;
        Entry entry = null;
        boolean fromBot = false;
        Long replyBy = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> agent = agent(r);
                case 3 -> group = r.id("group");
                case 4 -> buyer = buyer(r);
                case 5 -> entry = entry(r);
                case 6 -> fromBot = r.uint("fromBot") != 0;
                case 7 -> replyBy = r.uint("replyBy");
                default -> r.skip();
            }
        }
        return new ConvAssigned(r.require(conv, "conv"), r.require(agent, "agent"), group, buyer, entry, fromBot,
                replyBy);
    }

    private static AgentRef agent(FieldReader r) throws DecodeException {
        r.enter("agent");
        String id = null;
        String name = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.id("id");
                case 2 -> name = r.string("name");
                default -> r.skip();
            }
        }
        AgentRef agent = new AgentRef(r.require(id, "id"), name);
        r.exit();
        return agent;
    }

    private static BuyerRef buyer(FieldReader r) throws DecodeException {
        r.enter("buyer");
        String id = null;
        String name = null;
        List<String> tags = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.id("id");
                case 2 -> name = r.string("name");
                case 3 -> r.addRepeated(tags, r.string("tags"));
                default -> r.skip();
            }
        }
        BuyerRef buyer = new BuyerRef(r.require(id, "id"), name, tags);
        r.exit();
        return buyer;
    }

    private static ConvTransferred transferred(FieldReader r) throws DecodeException {
        String conv = null;
        Target from = null;
        Target to = null;
        String note = null;
        String reason = null;
        Long replyBy = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> from = target(r, "from");
                case 3 -> to = target(r, "to");
                case 4 -> note = r.string("note");
                case 5 -> reason = r.string("reason");
                case 6 -> replyBy = r.uint("replyBy");
                default -> r.skip();
            }
        }
        return new ConvTransferred(r.require(conv, "conv"), from, r.require(to, "to"), note, reason, replyBy);
    }

    private static Live live(FieldReader r) throws DecodeException {
        Long ts = null;
        int conversations = 0;
        int queued = 0;
        int waiting = 0;
        Long oldestWaitingTs = null;
        int agentsOnline = 0;
        int chats = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> ts = r.uint("ts");
                case 2 -> conversations = r.int32("conversations");
                case 3 -> queued = r.int32("queued");
                case 4 -> waiting = r.int32("waiting");
                case 5 -> oldestWaitingTs = r.uint("oldestWaitingTs");
                case 6 -> agentsOnline = r.int32("agentsOnline");
                case 7 -> chats = r.int32("chats");
                default -> r.skip();
            }
        }
        return new Live(r.require(ts, "ts"), conversations, queued, waiting, oldestWaitingTs, agentsOnline, chats);
    }

    private static Notice notice(FieldReader r) throws DecodeException {
        String conv = null;
        String code = null;
        String text = null;
        Long opensAt = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> code = r.string("code");
                case 3 -> text = r.string("text");
                case 4 -> opensAt = r.uint("opensAt");
                default -> r.skip();
            }
        }
        return new Notice(r.require(conv, "conv"), r.require(code, "code"), text, opensAt);
    }

    private static Target target(FieldReader r, String name) throws DecodeException {
        r.enter(name);
        String agent = null;
        String group = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> agent = r.id("agent");
                case 2 -> group = r.id("group");
                default -> r.skip();
            }
        }
        if (agent == null && group == null) {
            throw r.error("needs agent or group");
        }
        r.exit();
        return new Target(agent, group);
    }

    private static ConvClosed closed(FieldReader r) throws DecodeException {
        String conv = null;
        String by = null;
        String reason = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> conv = r.id("conv");
                case 2 -> by = r.id("by");
                case 3 -> reason = r.string("reason");
                default -> r.skip();
            }
        }
        return new ConvClosed(r.require(conv, "conv"), by, reason);
    }

    private static Survey survey(FieldReader r) throws DecodeException {
        String conv = null;
        while (r.next()) {
            if (r.field() == 1) {
                conv = r.id("conv");
            } else {
                r.skip();
            }
        }
        return new Survey(r.require(conv, "conv"));
    }

    private static AfterSaleUpdate aftersaleUpdate(FieldReader r) throws DecodeException {
        AfterSaleTicket ticket = null;
        while (r.next()) {
            if (r.field() == 1) {
                ticket = aftersale(r);
            } else {
                r.skip();
            }
        }
        return new AfterSaleUpdate(r.require(ticket, "aftersale"));
    }

    private static AfterSaleTicket aftersale(FieldReader r) throws DecodeException {
        r.enter("aftersale");
        String[] text = new String[9]; // by field number: 1 id .. 8 reason
        Long amount = null;
        List<String> evidence = new ArrayList<>();
        Long createdAt = null;
        Long updatedAt = null;
        Long replyBy = null;
        AfterSaleStep last = null;
        while (r.next()) {
            switch (r.field()) {
                case 1, 2, 4, 5 -> text[r.field()] = r.id(TICKET_FIELDS[r.field()]);
                case 3, 6, 7, 8 -> text[r.field()] = r.string(TICKET_FIELDS[r.field()]);
                case 9 -> amount = r.uint("amount");
                case 10 -> r.addRepeated(evidence, r.string("evidence"));
                case 11 -> createdAt = r.uint("createdAt");
                case 12 -> updatedAt = r.uint("updatedAt");
                case 13 -> replyBy = r.uint("replyBy");
                case 14 -> last = step(r);
                default -> r.skip();
            }
        }
        AfterSaleTicket ticket = new AfterSaleTicket(r.require(text[1], "id"), text[2], r.require(text[3], "orderNo"),
                text[4], text[5], r.require(text[6], "type"), r.require(text[7], "state"), text[8], amount, evidence,
                r.require(createdAt, "createdAt"), r.require(updatedAt, "updatedAt"), replyBy, last);
        r.exit();
        return ticket;
    }

    private static final String[] TICKET_FIELDS = {"", "id", "shopId", "orderNo", "buyerId", "conv", "type", "state",
        "reason"};

    private static AfterSaleStep step(FieldReader r) throws DecodeException {
        r.enter("last");
        String by = null;
        String role = null;
        String action = null;
        String from = null;
        String to = null;
        String note = null;
        Long ts = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> by = r.id("by");
                case 2 -> role = r.string("role");
                case 3 -> action = r.string("action");
                case 4 -> from = r.string("from");
                case 5 -> to = r.string("to");
                case 6 -> note = r.string("note");
                case 7 -> ts = r.uint("ts");
                default -> r.skip();
            }
        }
        AfterSaleStep step = new AfterSaleStep(by, role, r.require(action, "action"), from, r.require(to, "to"), note,
                r.require(ts, "ts"));
        r.exit();
        return step;
    }
}
