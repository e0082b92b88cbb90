package io.kefu.server.aftersales;

import java.util.Locale;
import java.util.Optional;

/** Where a ticket is in its workflow ({@link Transitions}). */
public enum AfterSaleState {
    REQUESTED, APPROVED, REJECTED, AWAITING_RETURN, RECEIVED, REFUNDED, EXCHANGED, DISPUTED, RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AfterSaleState> fromWire(String s) {
        for (AfterSaleState t : values()) {
            if (t.wire().equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
