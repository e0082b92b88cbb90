package io.kefu.load;

import java.util.BitSet;

/**
 * The message numbers one receiver has seen from one sender ({@code n} = 1, 2, 3...): tells a new
 * message from a duplicate, and a message that arrives after a later one (out of order). In-order
 * arrival, the common case, costs two comparisons and allocates nothing; only numbers above a gap are
 * kept in a bit set. Not thread-safe: confined to the receiving connection's event loop.
 */
final class SeenSet {

    /** What one arrival was. */
    enum Outcome {
        /** First arrival, and no later number had arrived before it. */
        NEW,
        /** First arrival, but a later number had already arrived: out of order. */
        NEW_LATE,
        /** Already seen. */
        DUPLICATE
    }

    /** Every number up to and including this one has been seen. */
    private long floor;
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
        int index = Math.toIntExact(n - floor - 1);
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
        return floor + above.cardinality();
    }

    /** The highest number seen, 0 when none. */
    long max() {
        return max;
    }

    /** The lowest number not seen yet. */
    long firstMissing() {
        return floor + 1;
    }

    private void compact() {
        int run = above.nextClearBit(0);
        floor += run;
        above = above.get(run, Math.max(run, above.length()));
    }
}
