package io.kefu.server.compliance;

import java.util.Locale;
import java.util.Optional;

/** What a matching rule does: refuse the message, or deliver it with a warning. {@code BLOCK} is the stronger. */
public enum RuleAction {
    WARN, BLOCK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RuleAction> fromWire(String wire) {
        for (RuleAction a : values()) {
            if (a.wire().equals(wire)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
