package io.kefu.server.compliance;

import java.util.Locale;
import java.util.Optional;

/** What a rule matches: a phrase (with its variants) or a kind of contact detail. */
public enum RuleType {
    PHRASE, CONTACT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RuleType> fromWire(String wire) {
        for (RuleType t : values()) {
            if (t.wire().equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
