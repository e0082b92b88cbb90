package io.kefu.server.stats.kpi;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.routing.spi.RoutingListener;
import io.kefu.server.store.KpiRow;
import io.kefu.server.store.KpiStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the KPI figures as they happen. Router lanes hand it routing's events ({@link #kpi}: one bounded-queue
 * offer, never blocking; an event that finds the queue full is dropped and counted). One thread,
 * {@code kefu-kpi-writer}, wakes every {@value #POLL_MS} ms (not at each event: that would cost the lanes a
 * thread wake-up per message), runs the clocks ({@link KpiTally}), sweeps the 3-minute marks with the injected clock
 * and adds the changed per-minute rollups to the store in one transaction every {@code flushMs}, when many are waiting,
 * or when a report asks ({@link #flushed}). A batch the database refuses is tried once more, then dropped and
 * counted. Also the operator metrics of docs/metrics.md (reply-rate breaches, buyers waiting for a person).
 *
 * <p>Threads: {@link #kpi} and {@link #flushed} from any thread, non-blocking; {@link #close} blocks its caller
 * while the queue drains (at most {@value #CLOSE_TIMEOUT_MS} ms).
 */
public final class KpiRecorder implements RoutingListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KpiRecorder.class);
    public static final String BREACHES = "kefu.kpi.reply.breaches";
    public static final String WAITING = "kefu.kpi.buyers.waiting";
    public static final String DROPPED = "kefu.kpi.dropped";
    static final long CLOSE_TIMEOUT_MS = 10_000;
    private static final long POLL_MS = 50;
    private static final int MAX_FLUSH_REQUESTS = 1_000;
    private static final int MAX_BATCH = 1_000;

    /** Queue and flush sizes. */
    public record Settings(int queueCapacity, long flushMs, int maxDirtyRows) {
        public static final Settings DEFAULT = new Settings(100_000, 60_000, 20_000);

        public Settings {
            if (queueCapacity < 1 || flushMs < 1 || maxDirtyRows < 1) {
                throw new IllegalArgumentException("kpi recorder: queueCapacity, flushMs and maxDirtyRows must be at"
                        + " least 1, were " + queueCapacity + ", " + flushMs + ", " + maxDirtyRows);
            }
        }

        public Settings withFlushMs(long ms) {
            return new Settings(queueCapacity, ms, maxDirtyRows);
        }
    }

    private final KpiStore store;
    private final Clock clock;
    private final Settings settings;
    private final ArrayBlockingQueue<KpiEvent> queue;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger flushRequestCount = new AtomicInteger();
    private final KpiTally tally;
    private final AtomicLong waiting = new AtomicLong();
    private final Counter breaches;
    private final Counter droppedEvents;
    private final Counter droppedRows;
    private final Thread thread;
    private volatile boolean stopping;

    /** Starts the writer thread. */
    public KpiRecorder(KpiStore store, Clock clock, Settings settings, MeterRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.breaches = Counter.builder(BREACHES).description("Buyer messages needing a person that no person answered"
                + " within 3 minutes (the 3-minute reply mark passed; docs/kpis.md)").register(registry);
        Gauge.builder(WAITING, waiting, AtomicLong::get).strongReference(true)
                .description("Open conversations on this node whose buyer waits for a person's answer").register(registry);
        this.droppedEvents = Counter.builder(DROPPED).tag("what", "events")
                .description("KPI events or rollup rows lost: events when the KPI queue was full, rows when the"
                        + " database refused them twice").register(registry);
        this.droppedRows = Counter.builder(DROPPED).tag("what", "rows")
                .description("KPI events or rollup rows lost: events when the KPI queue was full, rows when the"
                        + " database refused them twice").register(registry);
        this.tally = new KpiTally(new KpiTally.Meters() {
            @Override
            public void breached() {
                breaches.increment();
            }

            @Override
            public void waiting(int delta) {
                waiting.addAndGet(delta);
            }
        });
        this.thread = new Thread(this::run, "kefu-kpi-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void kpi(KpiEvent event) {
        if (stopping || !queue.offer(event)) {
            double before = droppedEvents.count();
            droppedEvents.increment();
            if (before == 0 || (long) before % 10_000 == 0) {
                log.warn("KPI events dropped: {} so far ({})", (long) before + 1,
                        stopping ? "the recorder is closed" : "the KPI queue is full (" + settings.queueCapacity() + ")");
            }
        }
    }

    /**
     * Completes once every event queued before this call is in the store: what a report waits for, so that it sees
     * what happened just before it. Fails {@code overloaded} when too many reports wait already.
     */
    public CompletableFuture<Void> flushed() {
        if (stopping || !thread.isAlive()) {
            return CompletableFuture.completedFuture(null);
        }
        if (flushRequestCount.incrementAndGet() > MAX_FLUSH_REQUESTS) {
            flushRequestCount.decrementAndGet();
            return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED,
                    "too many KPI reports are waiting; try again later"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushRequests.add(done);
        LockSupport.unpark(thread);
        return done;
    }

    /** Conversations whose buyer waits for a person, as the gauge reads it. */
    public long waiting() {
        return waiting.get();
    }

    private void run() {
        List<KpiEvent> batch = new ArrayList<>(MAX_BATCH);
        long lastFlush = System.nanoTime();
        while (true) {
            if (!stopping && flushRequests.isEmpty() && queue.size() < settings.queueCapacity() / 2) {
                // A nap, not a wait on the queue: a thread waiting on the queue is woken by each event offered, a
                // futex call and a context switch per event on the lanes' cores. Reports and close wake it early.
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MS));
                if (Thread.interrupted()) {
                    return;
                }
            }
            List<CompletableFuture<Void>> asked = takeFlushRequests();
            boolean stop = stopping; // read first: what was offered before close is in the queue now
            while (queue.drainTo(batch, MAX_BATCH) > 0) { // everything queued, the reports' events included
                batch.forEach(this::accept);
                batch.clear();
            }
            tally.sweep(clock.millis());
            boolean due = System.nanoTime() - lastFlush >= TimeUnit.MILLISECONDS.toNanos(settings.flushMs());
            if (due || stop || !asked.isEmpty() || tally.dirtyRows() >= settings.maxDirtyRows()) {
                write(tally.drain());
                lastFlush = System.nanoTime();
            }
            asked.forEach(f -> f.complete(null));
            if (stop && queue.isEmpty()) {
                return;
            }
        }
    }

    private List<CompletableFuture<Void>> takeFlushRequests() {
        List<CompletableFuture<Void>> asked = new ArrayList<>();
        CompletableFuture<Void> f;
        while ((f = flushRequests.poll()) != null) {
            flushRequestCount.decrementAndGet();
            asked.add(f);
        }
        return asked;
    }

    private void accept(KpiEvent e) {
        try {
            tally.accept(e);
        } catch (RuntimeException bug) {
            log.warn("KPI event not counted: {} ({})", e.getClass().getSimpleName(), bug.toString());
        }
    }

    /**
     * Rollup rows written per transaction. On H2 the store has one connection, and the message writer waits for it
     * while a flush holds it: a minute's rows of 2,000 agents in one transaction held it about a second (the S2
     * p99 on H2 at 500 msg/s: 415 ms with it, 96–115 ms without any flush, 190–248 ms in pieces; the rest is the
     * flush's CPU). In pieces, a message batch waits for one piece at most. Each piece adds to its own minute, hour
     * and day rows, so a piece that fails loses only itself.
     */
    static final int ROWS_PER_WRITE = 64;

    private void write(List<KpiRow> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_WRITE) {
            writePiece(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_WRITE)));
        }
    }

    private void writePiece(List<KpiRow> rows) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                store.add(rows);
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    log.warn("KPI rollups not written ({} rows): {}", rows.size(), e.toString());
                }
            }
        }
        droppedRows.increment(rows.size());
    }

    /** Stops taking events, writes what is queued, then stops the thread. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        if (io.kefu.server.base.BatchLoop.awaitStop(thread, CLOSE_TIMEOUT_MS)) {
            log.warn("KPI writer still busy at close; {} events left uncounted", queue.size());
        }
        CompletableFuture<Void> f;
        while ((f = flushRequests.poll()) != null) {
            f.complete(null);
        }
    }
}
