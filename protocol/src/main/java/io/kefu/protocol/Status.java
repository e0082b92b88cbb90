package io.kefu.protocol;

/** {@code status} (agent): set presence. */
public record Status(String id, AgentStatus value) implements Frame {
    public static final String TYPE = "status";

    @Override
    public String type() {
        return TYPE;
    }
}
