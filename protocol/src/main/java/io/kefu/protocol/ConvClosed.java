package io.kefu.protocol;

/** {@code conv.closed}: ended; {@code by} is the user id that closed it, or {@code system}. */
public record ConvClosed(String conv, String by, String reason) implements Frame {
    public static final String TYPE = "conv.closed";

    @Override
    public String type() {
        return TYPE;
    }
}
