package io.kefu.server.orders;

import java.util.Locale;
import java.util.Optional;

/** An order's status (contract §10), with the rules of what may still change. */
public enum OrderStatus {
    UNPAID, PAID, SHIPPED, DELIVERED, COMPLETED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrderStatus> fromWire(String wire) {
        for (OrderStatus s : values()) {
            if (s.wire().equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The address may change only before the parcel leaves. */
    public boolean addressChangeable() {
        return this == UNPAID || this == PAID;
    }

    /** Only an order not yet shipped may be cancelled. */
    public boolean cancellable() {
        return this == UNPAID || this == PAID;
    }
}
