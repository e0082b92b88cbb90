package io.kefu.protocol;

/** {@code history}: up to {@code limit} messages before {@code beforeSeq} (both optional), oldest first. */
public record History(String id, String conv, Long beforeSeq, Integer limit) implements Frame {
    public static final String TYPE = "history";

    @Override
    public String type() {
        return TYPE;
    }
}
