package io.kefu.protocol;

/**
 * {@code conv.transferred}: handed over; {@code note} is not sent to the buyer ({@code null} there).
 * {@code reason} (v1.1): {@code manual}, {@code no_answer} or {@code agent_offline}; {@code null} from a v1 server.
 * {@code replyBy} (optional, the copy of the agent who gets the conversation): when the 3-minute mark passes for the
 * buyer's oldest unanswered request, as on {@code conv.assigned}; null when the buyer is not waiting for a person.
 */
public record ConvTransferred(String conv, Target from, Target to, String note, String reason, Long replyBy)
        implements Frame {
    public static final String TYPE = "conv.transferred";
    public static final String MANUAL = "manual";
    public static final String NO_ANSWER = "no_answer";
    public static final String AGENT_OFFLINE = "agent_offline";

    /** A push without replyBy. */
    public ConvTransferred(String conv, Target from, Target to, String note, String reason) {
        this(conv, from, to, note, reason, null);
    }

    /** A v1 push, without reason. */
    public ConvTransferred(String conv, Target from, Target to, String note) {
        this(conv, from, to, note, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
