package io.kefu.protocol;

/** {@code close} (agent or buyer): end a conversation. */
public record Close(String id, String conv, String reason) implements Frame {
    public static final String TYPE = "close";

    @Override
    public String type() {
        return TYPE;
    }
}
