package io.kefu.server.settings;

import java.util.Arrays;
import java.util.Optional;

/** How a skill group hands out its conversations (contract §5). */
public enum GroupStrategy {
    /** Fewest active chats; ties to the longest idle. The default. */
    LEAST_BUSY("least-busy"),
    /** Each free agent in turn, in a fixed order. */
    ROUND_ROBIN("round-robin"),
    /** The free agent whose last assignment is oldest, whatever their load. */
    LONGEST_IDLE("longest-idle"),
    /** Nobody is assigned: agents {@code pick} from the queue. */
    MANUAL("manual");

    private final String wire;

    GroupStrategy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<GroupStrategy> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
    }
}
