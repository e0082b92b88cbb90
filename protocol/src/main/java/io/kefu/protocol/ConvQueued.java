package io.kefu.protocol;

/**
 * {@code conv.queued}: the conversation waits in {@code group}'s queue at {@code position} (1 = next), about
 * {@code etaSec} from being served. {@code priority} (v1.1) is {@code urgent}, {@code vip} or {@code normal},
 * or {@code null} from a v1 server.
 */
public record ConvQueued(String conv, String group, int position, long etaSec, String priority) implements Frame {
    public static final String TYPE = "conv.queued";
    public static final String URGENT = "urgent";
    public static final String VIP = "vip";
    public static final String NORMAL = "normal";

    /** A v1 push, without priority. */
    public ConvQueued(String conv, String group, int position, long etaSec) {
        this(conv, group, position, etaSec, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
