package io.kefu.protocol;

/**
 * An open conversation as listed in the {@code hello} answer: {@code {conv, shopId, state, lastSeq}}, and for
 * the staff member it is assigned to {@code replyBy} (optional): when the 3-minute mark passes for the buyer's
 * oldest unanswered request, as on the agent's {@code msg} pushes; null when the buyer is not waiting.
 */
public record ConvSummary(String conv, String shopId, ConvState state, long lastSeq, Long replyBy) {

    /** Without {@code replyBy}. */
    public ConvSummary(String conv, String shopId, ConvState state, long lastSeq) {
        this(conv, shopId, state, lastSeq, null);
    }
}
