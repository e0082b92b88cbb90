package io.kefu.server.audit;

import io.kefu.server.base.BatchLoop;
import io.kefu.server.store.AdminAuditRecord;
import io.kefu.server.store.AdminAuditStore;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes admin audit entries in batches, like the compliance audit writer: {@link #offer} puts an entry on a
 * bounded queue ({@code queueCapacity}) and returns at once; one thread, {@code kefu-admin-audit}, writes whatever
 * is waiting (up to {@code maxBatch}) in one transaction ({@link BatchLoop}). A full queue drops the entry and
 * counts it (logged sparsely): an API call never waits for its audit entry. A refused batch is retried once.
 *
 * <p>Threads: {@link #offer} from any thread (event loops, store and auth threads), never blocks; the writes on
 * the writer thread; {@link #close} blocks its caller while the queue drains (up to {@value #CLOSE_TIMEOUT_MS} ms).
 */
public final class AdminAuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminAuditWriter.class);
    static final long CLOSE_TIMEOUT_MS = 10_000;
    private static final long IDLE_POLL_MS = 100;
    private static final long LOG_EVERY_DROPS = 1_000;

    private final AdminAuditStore store;
    private final int queueCapacity;
    private final int maxBatch;
    private final ArrayBlockingQueue<AdminAuditRecord> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;

    /** Starts the writer thread. */
    public AdminAuditWriter(AdminAuditStore store, int queueCapacity, int maxBatch) {
        if (queueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("admin audit writer: queueCapacity and maxBatch must be at least 1");
        }
        this.store = store;
        this.queueCapacity = queueCapacity;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "kefu-admin-audit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the entry; {@code false} (and counted as dropped) when the queue is full or the writer closed. */
    public boolean offer(AdminAuditRecord entry) {
        if (!stopping && queue.offer(entry)) {
            return true;
        }
        drop(1, stopping ? "the writer is closed" : "the queue is full (" + queueCapacity + ")");
        return false;
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        BatchLoop.run(queue, maxBatch, IDLE_POLL_MS, () -> stopping, this::write);
    }

    private void write(List<AdminAuditRecord> batch) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                store.insert(batch);
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    log.warn("Admin audit batch of {} entries not written: {}", batch.size(), e.toString());
                }
            }
        }
        drop(batch.size(), "the database refused the batch");
    }

    private void drop(int count, String why) {
        long before = dropped.getAndAdd(count);
        if (before == 0 || before / LOG_EVERY_DROPS != (before + count) / LOG_EVERY_DROPS) {
            log.warn("Admin audit entries dropped: {} so far ({})", before + count, why);
        }
    }

    /** Stops taking entries, writes what is queued, then stops the thread. */
    @Override
    public void close() {
        stopping = true;
        if (BatchLoop.awaitStop(thread, CLOSE_TIMEOUT_MS)) {
            log.warn("admin audit writer still busy at close; {} entries left unwritten", queue.size());
        }
    }
}
