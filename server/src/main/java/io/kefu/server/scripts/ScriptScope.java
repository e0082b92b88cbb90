package io.kefu.server.scripts;

import java.util.Optional;

/** Who a script belongs to: the whole shop, or the one agent who wrote it. */
public enum ScriptScope {
    SHOP("shop"),
    PERSONAL("personal");

    private final String wire;

    ScriptScope(String wire) {
        this.wire = wire;
    }

    /** As written in the API, CSV and the database: {@code shop} or {@code personal}. */
    public String wire() {
        return wire;
    }

    public static Optional<ScriptScope> fromWire(String wire) {
        for (ScriptScope s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
