package io.kefu.server.scripts;

import io.kefu.server.store.ScriptStore;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts script uses in memory and adds them to the store in batches: one store task for up to
 * {@code flushAt} scripts, or for whatever is pending once {@code flushAfterMs} has passed since the last
 * batch (checked when a use is counted; {@link #close} writes the rest). At most {@code maxPending}
 * scripts wait; uses of more are dropped and counted. A batch that fails is put back to be retried.
 * The counts are a ranking hint, not an audit: a crash loses what was not yet written.
 *
 * <p><b>Threads:</b> {@link #record} runs on any thread and never blocks (a map update and, now and then,
 * a task handed to the store executor). One batch is written at a time.
 */
final class ScriptUses implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptUses.class);

    private record Key(String shopId, String scriptId) {
    }

    private final ScriptStore store;
    private final StoreExecutor executor;
    private final Clock clock;
    private final int flushAt;
    private final long flushAfterMs;
    private final int maxPending;
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    /** The batch being written: still counted by {@link #pendingFor} until it is committed. */
    private final ConcurrentHashMap<Key, Long> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private volatile CompletableFuture<Void> lastBatch = CompletableFuture.completedFuture(null);
    private volatile long lastFlushAt;

    ScriptUses(ScriptStore store, StoreExecutor executor, Clock clock, int flushAt, long flushAfterMs, int maxPending) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.flushAt = flushAt;
        this.flushAfterMs = flushAfterMs;
        this.maxPending = maxPending;
        this.lastFlushAt = clock.millis();
    }

    void record(String shopId, String scriptId) {
        Key key = new Key(shopId, scriptId);
        if (pending.size() >= maxPending && !pending.containsKey(key)) {
            dropped.increment();
            return;
        }
        pending.merge(key, 1L, Long::sum);
        if (pending.size() >= flushAt || clock.millis() - lastFlushAt >= flushAfterMs) {
            flush();
        }
    }

    /** Uses of the shop's scripts counted but not yet committed, by script id. */
    Map<String, Long> pendingFor(String shopId) {
        Map<String, Long> uses = new HashMap<>();
        inFlight.forEach((k, n) -> addIfShop(uses, k, n, shopId));
        pending.forEach((k, n) -> addIfShop(uses, k, n, shopId));
        return uses;
    }

    private static void addIfShop(Map<String, Long> uses, Key k, long n, String shopId) {
        if (k.shopId().equals(shopId)) {
            uses.merge(k.scriptId(), n, Long::sum);
        }
    }

    /** Uses dropped because {@code maxPending} scripts were already waiting. */
    long dropped() {
        return dropped.sum();
    }

    /**
     * Hands what is pending to the store executor as one batch; completes when it is written (or has failed
     * and been put back). While a batch is being written, returns that batch's future.
     */
    CompletableFuture<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return lastBatch;
        }
        lastFlushAt = clock.millis();
        for (Key k : pending.keySet()) {
            Long n = pending.remove(k);
            if (n != null) {
                inFlight.merge(k, n, Long::sum);
            }
        }
        if (inFlight.isEmpty()) {
            flushing.set(false);
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Long> batch = new HashMap<>();
        inFlight.forEach((k, n) -> batch.merge(k.scriptId(), n, Long::sum));
        CompletableFuture<Void> written = executor.submit(() -> {
            store.addUses(batch);
            return (Void) null;
        }).handle((ok, failure) -> {
            if (failure != null) {
                log.warn("Script uses not written ({} scripts), will retry: {}", batch.size(), failure.toString());
                inFlight.forEach((k, n) -> pending.merge(k, n, Long::sum));
            }
            inFlight.clear();
            flushing.set(false);
            return null;
        });
        lastBatch = written;
        return written;
    }

    /** Writes what is pending, waiting up to a few seconds; runs on the thread that stops the server. */
    @Override
    public void close() {
        try {
            lastBatch.get(5, java.util.concurrent.TimeUnit.SECONDS);
            flush().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Script uses not written at shutdown ({} scripts pending): {}", pending.size(), e.toString());
        }
    }
}
