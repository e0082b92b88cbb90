package io.kefu.protocol;

/** An agent's presence. Only {@link #ONLINE} agents get new assignments. */
public enum AgentStatus {
    ONLINE, BUSY, AWAY, OFFLINE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AgentStatus fromWire(String s) {
        return Wire.enumValue(AgentStatus.class, s);
    }
}
