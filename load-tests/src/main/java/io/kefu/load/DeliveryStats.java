package io.kefu.load;

import io.kefu.load.report.MessageCounts;
import java.util.concurrent.atomic.LongAdder;

/**
 * Message counts of one group of conversations (the normal ones, or those whose agent is a slow
 * consumer): sent, answered, delivered, duplicated, out of order, and the {@code seq} breaks the
 * receivers saw. Sent and delivered are also kept per {@link RatePlan} phase of the scheduled time, for
 * per-step throughput. Updated from every event loop without locks; read by the reporter and at the end.
 */
final class DeliveryStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder seqGaps = new LongAdder();
    private final LongAdder seqRepeats = new LongAdder();
    private final LongAdder[] sentByPhase;
    private final LongAdder[] deliveredByPhase;

    DeliveryStats(int phases) {
        sentByPhase = adders(phases);
        deliveredByPhase = adders(phases);
    }

    void sent(int phase) {
        sent.increment();
        sentByPhase[clamp(phase)].increment();
    }

    void acked() {
        acked.increment();
    }

    /** The server answered the send with an error: the message is not expected anywhere. */
    void rejected() {
        rejected.increment();
    }

    /** Applies the outcome of one arrival at the peer. */
    void arrived(int phase, SeenSet.Outcome outcome) {
        switch (outcome) {
            case DUPLICATE -> duplicated.increment();
            case NEW_LATE -> {
                outOfOrder.increment();
                newArrival(phase);
            }
            case NEW -> newArrival(phase);
        }
    }

    /** A receiver saw {@code seq} jump ahead by more than one. */
    void seqGap() {
        seqGaps.increment();
    }

    /** A receiver saw {@code seq} not increase. */
    void seqRepeat() {
        seqRepeats.increment();
    }

    long sentIn(int phase) {
        return sentByPhase[clamp(phase)].sum();
    }

    long deliveredIn(int phase) {
        return deliveredByPhase[clamp(phase)].sum();
    }

    MessageCounts snapshot() {
        return MessageCounts.of(sent.sum(), acked.sum(), rejected.sum(), delivered.sum(), duplicated.sum(),
                outOfOrder.sum(), seqGaps.sum(), seqRepeats.sum());
    }

    private void newArrival(int phase) {
        delivered.increment();
        deliveredByPhase[clamp(phase)].increment();
    }

    private int clamp(int phase) {
        return Math.max(0, Math.min(phase, sentByPhase.length - 1));
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
