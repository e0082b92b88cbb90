package io.kefu.protocol;

/**
 * {@code msg}: a stored message, pushed to every participant and returned by {@code history} and
 * {@code sync}. {@code cmid} is present when a client sent it. {@code replyBy} (v1.1, optional) is only in the
 * agent's copy of the push of a buyer message that needs a person: the epoch ms at which the 3-minute mark passes
 * for the oldest buyer request of the conversation still unanswered (the countdown an agent's client shows);
 * {@code null} everywhere else.
 */
public record Msg(String conv, long seq, Party from, String kind, Body body, long ts, String cmid, Long replyBy)
        implements Frame {
    public static final String TYPE = "msg";

    /** A message without {@code replyBy}. */
    public Msg(String conv, long seq, Party from, String kind, Body body, long ts, String cmid) {
        this(conv, seq, from, kind, body, ts, cmid, null);
    }

    /** This message with {@code replyBy} set (the agent's copy of a buyer message). */
    public Msg withReplyBy(Long replyBy) {
        return new Msg(conv, seq, from, kind, body, ts, cmid, replyBy);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
