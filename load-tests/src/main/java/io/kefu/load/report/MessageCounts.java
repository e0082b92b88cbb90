package io.kefu.load.report;

/**
 * Message counts at one moment. {@code unaccounted} is {@code sent - rejected - delivered}: messages
 * neither refused by the server nor seen by their receiver. While a run is going these are in flight;
 * after the drain they are lost.
 *
 * @param sent        messages the harness scheduled and wrote
 * @param acked       {@code ok} answers to them (Kefu only; the relay protocol has no answers)
 * @param rejected    {@code error} answers to them: refused, not expected at the peer
 * @param delivered   distinct messages the peer received
 * @param duplicated  arrivals of a message the peer had already received
 * @param outOfOrder  first arrivals of a message after a later one from the same sender
 * @param seqGaps     times a receiver saw a conversation's {@code seq} skip numbers
 * @param seqRepeats  times a receiver saw a conversation's {@code seq} not increase
 */
public record MessageCounts(long sent, long acked, long rejected, long delivered, long unaccounted,
                            long duplicated, long outOfOrder, long seqGaps, long seqRepeats) {

    public static MessageCounts of(long sent, long acked, long rejected, long delivered, long duplicated,
                                   long outOfOrder, long seqGaps, long seqRepeats) {
        return new MessageCounts(sent, acked, rejected, delivered, Math.max(0, sent - rejected - delivered),
                duplicated, outOfOrder, seqGaps, seqRepeats);
    }

    public static final MessageCounts NONE = of(0, 0, 0, 0, 0, 0, 0, 0);

    /** True when nothing is unaccounted, duplicated, out of order, refused or out of sequence. */
    public boolean clean() {
        return unaccounted == 0 && duplicated == 0 && outOfOrder == 0 && rejected == 0 && seqGaps == 0
                && seqRepeats == 0;
    }
}
