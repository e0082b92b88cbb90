package io.kefu.protocol;

/** {@code survey}: asks the buyer to rate the closed conversation. */
public record Survey(String conv) implements Frame {
    public static final String TYPE = "survey";

    @Override
    public String type() {
        return TYPE;
    }
}
