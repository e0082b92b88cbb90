package io.kefu.protocol;

/** A conversation's state: {@code bot → queued → assigned → closed}. */
public enum ConvState {
    BOT, QUEUED, ASSIGNED, CLOSED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ConvState fromWire(String s) {
        return Wire.enumValue(ConvState.class, s);
    }
}
