package io.kefu.server.routing.policy;

import java.util.List;

/**
 * How soon a queued conversation is served (contract §5): {@code urgent} (its first buyer message holds an
 * urgent keyword) before {@code vip} (a buyer tag the shop counts as VIP) before {@code normal}.
 */
public enum Priority {
    URGENT("urgent"), VIP("vip"), NORMAL("normal");

    private final String wire;

    Priority(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Queue rank: 0 is served first. */
    public int rank() {
        return ordinal();
    }

    public static final int RANKS = values().length;

    /** The priority a wire name stands for; unknown or missing ones are {@code normal}. */
    public static Priority fromWire(String s) {
        for (Priority p : values()) {
            if (p.wire.equals(s)) {
                return p;
            }
        }
        return NORMAL;
    }

    /** The higher of what the buyer's tags and the first message say. */
    public static Priority of(boolean urgent, boolean vip) {
        return urgent ? URGENT : vip ? VIP : NORMAL;
    }

    /** For listing: wire names in serving order. */
    public static List<String> wireNames() {
        return List.of(URGENT.wire, VIP.wire, NORMAL.wire);
    }
}
