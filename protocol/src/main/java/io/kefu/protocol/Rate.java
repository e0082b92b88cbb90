package io.kefu.protocol;

/** {@code rate} (buyer): the satisfaction answer, score 1 to 5, after a {@link Survey}. */
public record Rate(String id, String conv, int score, String comment) implements Frame {
    public static final String TYPE = "rate";

    @Override
    public String type() {
        return TYPE;
    }
}
