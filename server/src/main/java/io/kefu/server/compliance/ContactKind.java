package io.kefu.server.compliance;

import java.util.Locale;
import java.util.Optional;

/** The contact details a {@code contact} rule can name as its {@code pattern}. */
public enum ContactKind {
    WECHAT, QQ, PHONE, EMAIL, URL;

    private static final ContactKind[] VALUES = values();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    int bit() {
        return 1 << ordinal();
    }

    static ContactKind of(int ordinal) {
        return VALUES[ordinal];
    }

    public static Optional<ContactKind> fromWire(String wire) {
        for (ContactKind k : VALUES) {
            if (k.wire().equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
