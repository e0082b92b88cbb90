package io.kefu.protocol;

/** {@code pong}: the answer to {@link Ping}, with the server's clock. */
public record Pong(long ts) implements Frame {
    public static final String TYPE = "pong";

    @Override
    public String type() {
        return TYPE;
    }
}
