package io.kefu.protocol;

/**
 * {@code msg}: a stored message, pushed to every participant and returned by {@code history} and
 * {@code sync}. {@code cmid} is present when a client sent it.
 */
public record Msg(String conv, long seq, Party from, String kind, Body body, long ts, String cmid)
        implements Frame {
    public static final String TYPE = "msg";

    @Override
    public String type() {
        return TYPE;
    }
}
