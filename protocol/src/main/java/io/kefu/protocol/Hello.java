package io.kefu.protocol;

/** {@code hello}: the first frame of every connection, carrying the JWT. */
public record Hello(String id, String token) implements Frame {
    public static final String TYPE = "hello";

    @Override
    public String type() {
        return TYPE;
    }
}
