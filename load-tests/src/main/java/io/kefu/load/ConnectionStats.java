package io.kefu.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection counts of a run, updated from event loops and the churn thread without locks. "Ready"
 * means usable: authenticated (and, for agents, online) in Kefu; upgraded in relay mode.
 */
final class ConnectionStats {
    final AtomicInteger ready = new AtomicInteger();
    final LongAdder established = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder slowClosed = new LongAdder();
    final LongAdder churned = new LongAdder();
    final LongAdder churnSkipped = new LongAdder();
    /** Conversations that could not be opened (buyer not connected, or an error answer). */
    final LongAdder openFailed = new LongAdder();
}
