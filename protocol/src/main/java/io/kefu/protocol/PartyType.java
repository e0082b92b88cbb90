package io.kefu.protocol;

/** Who wrote a message: the {@code from.type} of a {@link Msg}. */
public enum PartyType {
    BUYER, AGENT, BOT, SYSTEM;

    /** Computed once: every message written or stored asks for it. */
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static PartyType fromWire(String s) {
        return Wire.enumValue(PartyType.class, s);
    }
}
