package io.kefu.server.compliance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Who wrote a checked message; a rule's {@code appliesTo} names some of these. */
public enum Sender {
    AGENT, BOT, BUYER;

    private static final Sender[] VALUES = values();

    /** The wire word: {@code agent}, {@code bot}, {@code buyer}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This sender's bit in a set of senders. */
    int bit() {
        return 1 << ordinal();
    }

    static int mask(Collection<Sender> senders) {
        int m = 0;
        for (Sender s : senders) {
            m |= s.bit();
        }
        return m;
    }

    static Sender of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Exact wire words only; no allocation. */
    public static Optional<Sender> fromWire(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        return switch (wire) {
            case "agent" -> Optional.of(AGENT);
            case "bot" -> Optional.of(BOT);
            case "buyer" -> Optional.of(BUYER);
            default -> Optional.empty();
        };
    }
}
