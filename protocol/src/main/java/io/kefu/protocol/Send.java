package io.kefu.protocol;

/**
 * {@code send}: a message into a conversation. {@code cmid} is the client's message id; re-sending the
 * same {@code cmid} returns the original {@code seq} and stores nothing twice.
 */
public record Send(String id, String conv, String cmid, String kind, Body body) implements Frame {
    public static final String TYPE = "send";

    @Override
    public String type() {
        return TYPE;
    }
}
