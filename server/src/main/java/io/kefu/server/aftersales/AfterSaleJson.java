package io.kefu.server.aftersales;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.AfterSaleStep;
import io.kefu.protocol.AfterSaleTicket;
import io.kefu.protocol.AfterSaleUpdate;
import java.util.List;

/**
 * A ticket as the API answers it ({@link #json}: every field, {@code history} in full) and as the {@code aftersale}
 * push carries it ({@link #push}: the same fields, with the change that caused it as {@code last}). Stateless.
 */
public final class AfterSaleJson {
    private AfterSaleJson() {
    }

    public static ObjectNode json(AfterSale t) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", t.id()).put("shopId", t.shopId()).put("orderNo", t.orderNo()).put("buyerId", t.buyerId());
        if (t.conv() != null) {
            n.put("conv", t.conv());
        }
        n.put("type", t.type().wire()).put("state", t.state().wire()).put("reason", t.reason());
        if (t.amount() != null) {
            n.put("amount", t.amount());
        }
        ArrayNode evidence = n.putArray("evidence");
        t.evidence().forEach(evidence::add);
        n.put("createdAt", t.createdAt()).put("updatedAt", t.updatedAt());
        if (t.replyBy() != null) {
            n.put("replyBy", t.replyBy());
        }
        ArrayNode allowed = n.putArray("actions");
        Transitions.allowed(t.type(), t.state()).forEach(a -> allowed.add(a.wire()));
        ArrayNode history = n.putArray("history");
        for (AfterSale.Step s : t.history()) {
            ObjectNode h = history.addObject();
            if (s.actorId() != null) {
                h.put("by", s.actorId());
            } else {
                h.putNull("by");
            }
            h.put("role", s.role()).put("action", s.action().wire());
            if (s.from() != null) {
                h.put("from", s.from().wire());
            } else {
                h.putNull("from");
            }
            h.put("to", s.to().wire());
            if (s.note() != null) {
                h.put("note", s.note());
            }
            h.put("ts", s.ts());
        }
        return n;
    }

    /** The push for a change that ended with {@code last}. */
    public static AfterSaleUpdate push(AfterSale t, AfterSale.Step last) {
        AfterSaleStep step = new AfterSaleStep(last.actorId(), last.role(), last.action().wire(),
                last.from() == null ? null : last.from().wire(), last.to().wire(), last.note(), last.ts());
        return new AfterSaleUpdate(new AfterSaleTicket(t.id(), t.shopId(), t.orderNo(), t.buyerId(), t.conv(),
                t.type().wire(), t.state().wire(), t.reason(), t.amount(), t.evidence(), t.createdAt(), t.updatedAt(),
                t.replyBy(), step));
    }

    /** The steps as the change's notes read, for the system message. */
    static String notes(List<AfterSale.Step> steps) {
        return steps.stream().map(AfterSale.Step::note).filter(n -> n != null && !n.isBlank()).findFirst()
                .orElse(null);
    }
}
