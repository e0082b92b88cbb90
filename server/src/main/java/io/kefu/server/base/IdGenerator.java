package io.kefu.server.base;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 64-bit ids, written as decimal strings on the wire: 41 bits of milliseconds since
 * 2025-01-01, 10 bits of node id (for cluster mode), 12 bits of sequence. Lock-free and thread-safe;
 * if more than 4096 ids are asked for in one millisecond it borrows from the next millisecond rather
 * than blocking.
 */
public final class IdGenerator {
    private static final long EPOCH = 1_735_689_600_000L;
    private static final int NODE_BITS = 10;
    private static final int SEQ_BITS = 12;

    private final long node;
    private final AtomicLong last = new AtomicLong();

    public IdGenerator(int nodeId) {
        if (nodeId < 0 || nodeId >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("node id must be in 0.." + ((1 << NODE_BITS) - 1) + ", was " + nodeId);
        }
        this.node = nodeId;
    }

    public long nextLong() {
        while (true) {
            long prev = last.get();
            long nowTick = (System.currentTimeMillis() - EPOCH) << SEQ_BITS;
            long next = Math.max(nowTick, prev + 1);
            if (last.compareAndSet(prev, next)) {
                long millis = next >>> SEQ_BITS;
                long seq = next & ((1L << SEQ_BITS) - 1);
                return (millis << (NODE_BITS + SEQ_BITS)) | (node << SEQ_BITS) | seq;
            }
        }
    }

    public String next() {
        return Long.toString(nextLong());
    }
}
