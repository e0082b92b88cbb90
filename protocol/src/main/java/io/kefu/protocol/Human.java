package io.kefu.protocol;

/** {@code human} (buyer): leave the bot and ask for a person (转人工). */
public record Human(String id, String conv) implements Frame {
    public static final String TYPE = "human";

    @Override
    public String type() {
        return TYPE;
    }
}
