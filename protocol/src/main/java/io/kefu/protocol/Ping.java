package io.kefu.protocol;

/** {@code ping}: an application-level heartbeat; the server answers {@link Pong}. */
public record Ping(String id) implements Frame {
    public static final String TYPE = "ping";

    @Override
    public String type() {
        return TYPE;
    }
}
