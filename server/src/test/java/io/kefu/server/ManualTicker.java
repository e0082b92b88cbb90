package io.kefu.server;

import io.kefu.server.base.BatchLoop;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BatchLoop.Ticker} the test drives: its clock moves only by {@link #advance} and by the pauses the test
 * ends. A pause is recorded ({@link #pauses}) and lasts until {@link #endPause} (or an interrupt), then moves the
 * clock past it. Thread-safe.
 */
public final class ManualTicker implements BatchLoop.Ticker {
    private final AtomicLong now;
    private final BlockingQueue<Long> pauses = new LinkedBlockingQueue<>();
    private final Semaphore ends = new Semaphore(0);

    public ManualTicker(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void pause(long nanos) {
        pauses.add(nanos);
        try {
            ends.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        now.addAndGet(nanos);
    }

    public void advance(long nanos) {
        now.addAndGet(nanos);
    }

    /** The pauses begun and not yet taken by {@link #awaitPause}. */
    public BlockingQueue<Long> pauses() {
        return pauses;
    }

    /** How long the next pause begun was to last, waiting up to 10 s for one; null when none began. */
    public Long awaitPause() throws InterruptedException {
        return pauses.poll(10, TimeUnit.SECONDS);
    }

    /** Ends one pause (the one under way, or the next one begun). */
    public void endPause() {
        ends.release();
    }
}
