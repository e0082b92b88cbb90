package io.kefu.protocol;

/** {@code pick} (agent): take a queued conversation by hand. */
public record Pick(String id, String conv) implements Frame {
    public static final String TYPE = "pick";

    @Override
    public String type() {
        return TYPE;
    }
}
