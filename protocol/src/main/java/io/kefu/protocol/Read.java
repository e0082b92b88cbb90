package io.kefu.protocol;

/**
 * {@code read}: from a client, "I have read up to {@code seq}" ({@code by} is {@code null}); pushed by
 * the server to the other side with {@code by} set to the reader's user id.
 */
public record Read(String id, String conv, long seq, String by) implements Frame {
    public static final String TYPE = "read";

    @Override
    public String type() {
        return TYPE;
    }
}
