package io.kefu.server.aftersales;

import static io.kefu.server.aftersales.AfterSaleAction.APPROVE;
import static io.kefu.server.aftersales.AfterSaleAction.AWAIT_RETURN;
import static io.kefu.server.aftersales.AfterSaleAction.ESCALATE;
import static io.kefu.server.aftersales.AfterSaleAction.RECEIVED;
import static io.kefu.server.aftersales.AfterSaleAction.REFUND;
import static io.kefu.server.aftersales.AfterSaleAction.REJECT;
import static io.kefu.server.aftersales.AfterSaleAction.RESEND;
import static io.kefu.server.aftersales.AfterSaleAction.RESOLVE;
import static io.kefu.server.aftersales.AfterSaleState.APPROVED;
import static io.kefu.server.aftersales.AfterSaleState.AWAITING_RETURN;
import static io.kefu.server.aftersales.AfterSaleState.DISPUTED;
import static io.kefu.server.aftersales.AfterSaleState.EXCHANGED;
import static io.kefu.server.aftersales.AfterSaleState.REFUNDED;
import static io.kefu.server.aftersales.AfterSaleState.REJECTED;
import static io.kefu.server.aftersales.AfterSaleState.REQUESTED;
import static io.kefu.server.aftersales.AfterSaleState.RESOLVED;

import io.kefu.server.base.KefuException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The after-sale state machine of contract §10 as one table: (type, state, action) → next state. Anything not in
 * the table is {@code invalid_state}, naming the current state and the actions it allows. The
 * {@link AfterSaleAction#AWAIT_RETURN} rows are the server's own step: a return or exchange that reaches
 * {@code approved} moves on to {@code awaiting_return} in the same change. Immutable; any thread.
 */
public final class Transitions {
    private static final Map<AfterSaleType, Map<AfterSaleState, Map<AfterSaleAction, AfterSaleState>>> TABLE =
            table();

    private Transitions() {
    }

    private static Map<AfterSaleType, Map<AfterSaleState, Map<AfterSaleAction, AfterSaleState>>> table() {
        Map<AfterSaleType, Map<AfterSaleState, Map<AfterSaleAction, AfterSaleState>>> t =
                new EnumMap<>(AfterSaleType.class);
        for (AfterSaleType type : AfterSaleType.values()) {
            Map<AfterSaleState, Map<AfterSaleAction, AfterSaleState>> rows = new EnumMap<>(AfterSaleState.class);
            for (AfterSaleState s : AfterSaleState.values()) {
                rows.put(s, new EnumMap<>(AfterSaleAction.class));
            }
            rows.get(REQUESTED).put(APPROVE, APPROVED);
            rows.get(REQUESTED).put(REJECT, REJECTED);
            rows.get(REJECTED).put(ESCALATE, DISPUTED);
            rows.get(DISPUTED).put(RESOLVE, RESOLVED);
            switch (type) {
                case REFUND -> rows.get(APPROVED).put(REFUND, REFUNDED);
                case RETURN -> {
                    rows.get(APPROVED).put(AWAIT_RETURN, AWAITING_RETURN);
                    rows.get(AWAITING_RETURN).put(RECEIVED, AfterSaleState.RECEIVED);
                    rows.get(AfterSaleState.RECEIVED).put(REFUND, REFUNDED);
                }
                case EXCHANGE -> {
                    rows.get(APPROVED).put(AWAIT_RETURN, AWAITING_RETURN);
                    rows.get(AWAITING_RETURN).put(RECEIVED, AfterSaleState.RECEIVED);
                    rows.get(AfterSaleState.RECEIVED).put(RESEND, EXCHANGED);
                }
            }
            rows.replaceAll((s, actions) -> Map.copyOf(actions));
            t.put(type, rows);
        }
        return t;
    }

    /** The state {@code action} leads to, or {@code invalid_state} naming {@code state} and what it allows. */
    public static AfterSaleState next(String ticketId, AfterSaleType type, AfterSaleState state,
                                      AfterSaleAction action) {
        AfterSaleState next = action.callable() ? TABLE.get(type).get(state).get(action) : null;
        if (next == null) {
            List<String> allowed = allowed(type, state).stream().map(AfterSaleAction::wire).toList();
            throw KefuException.invalidState("after-sale " + ticketId + " (" + type.wire() + ") is " + state.wire()
                    + "; " + action.wire() + " is not allowed there"
                    + (allowed.isEmpty() ? " (nothing is: it is final)" : " (allowed: " + String.join(", ", allowed)
                    + ")"));
        }
        return next;
    }

    /** The server's own step out of {@code state}, if there is one ({@code approved} → {@code awaiting_return}). */
    public static Optional<AfterSaleState> automatic(AfterSaleType type, AfterSaleState state) {
        return Optional.ofNullable(TABLE.get(type).get(state).get(AWAIT_RETURN));
    }

    /** The actions a caller may ask for in {@code state}, in declaration order. */
    public static List<AfterSaleAction> allowed(AfterSaleType type, AfterSaleState state) {
        Map<AfterSaleAction, AfterSaleState> row = TABLE.get(type).get(state);
        return java.util.Arrays.stream(AfterSaleAction.values()).filter(a -> a.callable() && row.containsKey(a))
                .toList();
    }
}
