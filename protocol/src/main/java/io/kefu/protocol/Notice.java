package io.kefu.protocol;

/**
 * {@code notice} (v1.1): something the buyer should know about their conversation. {@code code} is
 * {@code after_hours} (the shop is closed; {@code opensAt} says when it opens) or {@code queue_timeout}
 * (the wait is long; the buyer may leave a message and stays queued). Servers may add codes; clients show
 * {@code text} for codes they do not know.
 */
public record Notice(String conv, String code, String text, Long opensAt) implements Frame {
    public static final String TYPE = "notice";
    public static final String AFTER_HOURS = "after_hours";
    public static final String QUEUE_TIMEOUT = "queue_timeout";

    @Override
    public String type() {
        return TYPE;
    }
}
