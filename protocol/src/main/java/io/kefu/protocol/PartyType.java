package io.kefu.protocol;

/** Who wrote a message: the {@code from.type} of a {@link Msg}. */
public enum PartyType {
    BUYER, AGENT, BOT, SYSTEM;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PartyType fromWire(String s) {
        return Wire.enumValue(PartyType.class, s);
    }
}
