package io.kefu.protocol;

/**
 * {@code pong}: the answer to {@link Ping}, with the server's clock. {@code re} is the ping's {@code id} when
 * it carried one (v1.1), else {@code null}.
 */
public record Pong(String re, long ts) implements Frame {
    public static final String TYPE = "pong";

    /** A pong answering a ping without an id. */
    public Pong(long ts) {
        this(null, ts);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
