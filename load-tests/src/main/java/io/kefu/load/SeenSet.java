package io.kefu.load;

import java.util.BitSet;

/**
 * The message numbers one receiver has seen from one sender ({@code n} = 1, 2, 3...): tells a new
 * message from a duplicate, and a message that arrives after a later one (out of order). In-order
 * arrival, the common case, costs two comparisons and allocates nothing; only numbers above a gap are
 * kept in a bit set, at most {@link #WINDOW} of them: a gap older than that is given up on (its
 * numbers count as never seen, so as lost), which bounds memory when a server loses messages. A
 * message arriving after that is counted as a duplicate. Not thread-safe: confined to the receiving
 * connection's event loop.
 */
final class SeenSet {
    /** How far above the oldest gap numbers are tracked. */
    static final int WINDOW = 1 << 16;

    /** What one arrival was. */
    enum Outcome {
        /** First arrival, and no later number had arrived before it. */
        NEW,
        /** First arrival, but a later number had already arrived: out of order. */
        NEW_LATE,
        /** Already seen. */
        DUPLICATE
    }

    /** Every number up to and including this one has been seen, or given up on. */
    private long floor;
    /** Numbers at or below {@code floor} that were given up on without being seen. */
    private long forgotten;
    private long max;
    /** Bit i set: number {@code floor + 1 + i} has been seen. */
    private BitSet above = new BitSet();

    Outcome add(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("message numbers start at 1, got " + n);
        }
        if (n <= floor) {
            return Outcome.DUPLICATE;
        }
        if (n == floor + 1 && above.isEmpty()) {
            floor = n;
            max = Math.max(max, n);
            return Outcome.NEW;
        }
        if (n - floor > WINDOW) {
            slide(n - WINDOW / 2);
        }
        int index = (int) (n - floor - 1);
        if (above.get(index)) {
            return Outcome.DUPLICATE;
        }
        above.set(index);
        boolean late = n < max;
        max = Math.max(max, n);
        if (index == 0) {
            compact();
        }
        return late ? Outcome.NEW_LATE : Outcome.NEW;
    }

    /** How many distinct numbers have been seen. */
    long distinct() {
        return floor - forgotten + above.cardinality();
    }

    /** The highest number seen, 0 when none. */
    long max() {
        return max;
    }

    /** The lowest number not seen yet. */
    long firstMissing() {
        return floor + 1;
    }

    /** Gives up on every number below {@code newFloor + 1} that has not arrived. */
    private void slide(long newFloor) {
        int shift = (int) (newFloor - floor);
        forgotten += shift - above.get(0, shift).cardinality();
        above = above.get(shift, Math.max(shift, above.length()));
        floor = newFloor;
        if (above.get(0)) {
            compact();
        }
    }

    private void compact() {
        int run = above.nextClearBit(0);
        floor += run;
        above = above.get(run, Math.max(run, above.length()));
    }
}
