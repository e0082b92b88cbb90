package io.kefu.protocol;

/** {@code conv.queued}: the conversation waits in {@code group}'s queue at {@code position} (1 = next). */
public record ConvQueued(String conv, String group, int position, long etaSec) implements Frame {
    public static final String TYPE = "conv.queued";

    @Override
    public String type() {
        return TYPE;
    }
}
