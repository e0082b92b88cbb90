package io.kefu.protocol;

/**
 * {@code send}: a message into a conversation. {@code cmid} is the client's message id; re-sending the
 * same {@code cmid} returns the original {@code seq} and stores nothing twice.
 *
 * <p>A staff member may send a quick reply instead of a body (v1.1): {@code script} is the script's id,
 * {@code kind} and {@code body} are then {@code null}, and the server fills the script's variables and
 * stores a {@code text} message.
 */
public record Send(String id, String conv, String cmid, String kind, Body body, String script) implements Frame {
    public static final String TYPE = "send";

    /** A message with a body. */
    public Send(String id, String conv, String cmid, String kind, Body body) {
        this(id, conv, cmid, kind, body, null);
    }

    /** A quick reply: the server fills script {@code script} and sends the text. */
    public static Send script(String id, String conv, String cmid, String script) {
        return new Send(id, conv, cmid, null, null, script);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
