package io.kefu.protocol;

/** {@code sync}: every message with {@code seq > afterSeq}, in order ({@code limit} is an extension). */
public record Sync(String id, String conv, long afterSeq, Integer limit) implements Frame {
    public static final String TYPE = "sync";

    @Override
    public String type() {
        return TYPE;
    }
}
