package io.kefu.server.aftersales;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An after-sale ticket as stored, with its history (oldest first). {@code amount} is in fen, or {@code null} when
 * none was asked; {@code orderTotal} is the order's total when the ticket was made, the bound of every amount.
 * {@code conv} is the linked conversation or {@code null}. {@code replyBy} is set only while {@code requested}: when
 * the server approves the ticket if the shop has not answered. Immutable.
 */
public record AfterSale(String id, String shopId, String buyerId, String orderNo, String conv, AfterSaleType type,
                        AfterSaleState state, String reason, Long amount, long orderTotal, List<String> evidence,
                        long createdAt, long updatedAt, Long replyBy, List<Step> history) {

    public AfterSale {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        evidence = List.copyOf(evidence);
        history = List.copyOf(history);
    }

    /**
     * One change: who ({@code actorId}, null for the server), as what ({@code role}: {@code buyer}, a staff role,
     * {@code platform} or {@code system}), the action, the states before (null for {@code create}) and after, a
     * note, when.
     */
    public record Step(String actorId, String role, AfterSaleAction action, AfterSaleState from, AfterSaleState to,
                       String note, long ts) {
    }

    /** This ticket moved on by {@code step}, at {@code step.ts()}, with {@code amount} (null keeps the old one). */
    public AfterSale with(Step step, Long newAmount) {
        List<Step> h = new ArrayList<>(history);
        h.add(step);
        return new AfterSale(id, shopId, buyerId, orderNo, conv, type, step.to(), reason,
                newAmount != null ? newAmount : amount, orderTotal, evidence, createdAt, step.ts(),
                step.to() == AfterSaleState.REQUESTED ? replyBy : null, h);
    }

    /** The last change (a stored ticket has at least its creation). */
    public Step last() {
        return history.get(history.size() - 1);
    }
}
