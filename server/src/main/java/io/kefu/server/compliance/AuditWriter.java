package io.kefu.server.compliance;

import io.kefu.server.base.BatchLoop;
import io.kefu.server.store.AuditRecord;
import io.kefu.server.store.ComplianceStore;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit entries in batches: {@link #offer} puts an entry on a bounded queue and returns at once;
 * one thread, {@code kefu-audit-writer}, takes whatever is waiting (up to {@code maxBatch}) and writes it
 * in one transaction. When the queue is full the entry is dropped and counted (and logged, sparsely): the
 * audit log must never slow down or block the message path. A batch the database refuses is retried once,
 * then dropped and counted.
 *
 * <p>Threads: {@link #offer} from any thread (router lanes), never blocks; the writes on the writer thread;
 * {@link #close} blocks its caller while the queue drains (up to {@value #CLOSE_TIMEOUT_MS} ms).
 */
public final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    static final long CLOSE_TIMEOUT_MS = 10_000;
    private static final long IDLE_POLL_MS = 100;
    /** Drops are logged on the first and then every this many. */
    private static final long LOG_EVERY_DROPS = 1_000;

    /** How big the queue and a batch may get. */
    public record Settings(int queueCapacity, int maxBatch) {
        public static final Settings DEFAULT = new Settings(10_000, 500);

        public Settings {
            if (queueCapacity < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("audit writer: queueCapacity and maxBatch must be at least 1, was "
                        + queueCapacity + " and " + maxBatch);
            }
        }
    }

    private final ComplianceStore store;
    private final Settings settings;
    private final ArrayBlockingQueue<AuditEntry> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;

    /** Starts the writer thread. */
    public AuditWriter(ComplianceStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "kefu-audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the entry; {@code false} (and counted as dropped) when the queue is full or the writer closed. */
    public boolean offer(AuditEntry entry) {
        if (!stopping && queue.offer(entry)) {
            return true;
        }
        drop(1, stopping ? "the audit writer is closed" : "the audit queue is full (" + settings.queueCapacity() + ")");
        return false;
    }

    /** Entries written so far. */
    public long written() {
        return written.get();
    }

    /** Entries dropped so far (queue full, writer closed, database errors). */
    public long dropped() {
        return dropped.get();
    }

    /** Entries waiting to be written. */
    public int depth() {
        return queue.size();
    }

    private void run() {
        BatchLoop.run(queue, settings.maxBatch(), IDLE_POLL_MS, () -> stopping, this::write);
    }

    private void write(List<AuditEntry> batch) {
        List<AuditRecord> records = batch.stream().map(AuditEntry::toRecord).toList();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                store.insertAudit(records);
                written.addAndGet(records.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    log.warn("Audit batch of {} entries not written: {}", records.size(), e.toString());
                }
            }
        }
        drop(records.size(), "the database refused the batch");
    }

    private void drop(int count, String why) {
        long before = dropped.getAndAdd(count);
        if (before == 0 || before / LOG_EVERY_DROPS != (before + count) / LOG_EVERY_DROPS) {
            log.warn("Compliance audit entries dropped: {} so far ({})", before + count, why);
        }
    }

    /** Stops taking entries, writes what is queued, then stops the thread. */
    @Override
    public void close() {
        stopping = true;
        if (BatchLoop.awaitStop(thread, CLOSE_TIMEOUT_MS)) {
            log.warn("audit writer still busy at close; {} entries left unwritten", queue.size());
        }
    }
}
