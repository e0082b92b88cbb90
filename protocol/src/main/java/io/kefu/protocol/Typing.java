package io.kefu.protocol;

/**
 * {@code typing}: from a client, "I am typing" ({@code by} is {@code null}); pushed by the server to the
 * other side with {@code by} set. Never stored.
 */
public record Typing(String id, String conv, String by) implements Frame {
    public static final String TYPE = "typing";

    @Override
    public String type() {
        return TYPE;
    }
}
