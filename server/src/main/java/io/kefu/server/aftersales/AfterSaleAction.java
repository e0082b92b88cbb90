package io.kefu.server.aftersales;

import java.util.Locale;
import java.util.Optional;

/**
 * What is done to a ticket. The first seven are called over the API ({@code POST .../aftersales/{id}/{action}});
 * {@link #CREATE} and {@link #AWAIT_RETURN} (the server's own step from {@code approved} to {@code awaiting_return}
 * for returns and exchanges) only appear in a ticket's history.
 */
public enum AfterSaleAction {
    APPROVE, REJECT, REFUND, RECEIVED, RESEND, ESCALATE, RESOLVE, CREATE, AWAIT_RETURN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a caller may ask for it (the others are the server's). */
    public boolean callable() {
        return this != CREATE && this != AWAIT_RETURN;
    }

    /** A callable action by its wire name. */
    public static Optional<AfterSaleAction> fromWire(String s) {
        for (AfterSaleAction a : values()) {
            if (a.callable() && a.wire().equals(s)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
