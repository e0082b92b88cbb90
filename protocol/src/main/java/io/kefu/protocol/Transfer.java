package io.kefu.protocol;

/** {@code transfer} (agent): hand a conversation to another agent or group, with an optional note. */
public record Transfer(String id, String conv, String toAgent, String toGroup, String note) implements Frame {
    public static final String TYPE = "transfer";

    @Override
    public String type() {
        return TYPE;
    }
}
