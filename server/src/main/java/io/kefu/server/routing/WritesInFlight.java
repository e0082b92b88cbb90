package io.kefu.server.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shop router's writes to the store that have started and not finished (messages and conversation records), so
 * that a shop handed to another cluster node moves only once everything its old router wrote is in the store.
 * Thread-safe and cheap on the message path (one atomic increment and decrement a write): writes start on the
 * router's lane and finish on writer, store and lane threads; only {@link #quiet} takes a lock.
 */
final class WritesInFlight {
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean waited;
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();

    /** A write starts; {@link #done} must follow, whatever its outcome. */
    void start() {
        count.incrementAndGet();
    }

    void done() {
        if (count.decrementAndGet() == 0 && waited) {
            release();
        }
    }

    /** Completes once no write is in flight (at once when none is). */
    CompletableFuture<Void> quiet() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            waiting.add(f);
            waited = true;
        }
        if (count.get() == 0) {
            release();
        }
        return f;
    }

    private void release() {
        List<CompletableFuture<Void>> ready;
        synchronized (this) {
            if (count.get() != 0) {
                return;
            }
            ready = waiting;
            waiting = new ArrayList<>();
            waited = false;
        }
        ready.forEach(f -> f.complete(null));
    }
}
