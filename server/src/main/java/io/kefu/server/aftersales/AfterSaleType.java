package io.kefu.server.aftersales;

import java.util.Locale;
import java.util.Optional;

/** What the buyer asks for: money only, goods back then money, or goods back then other goods. */
public enum AfterSaleType {
    REFUND, RETURN, EXCHANGE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AfterSaleType> fromWire(String s) {
        for (AfterSaleType t : values()) {
            if (t.wire().equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
