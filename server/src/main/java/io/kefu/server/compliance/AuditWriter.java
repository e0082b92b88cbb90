package io.kefu.server.compliance;

import io.kefu.server.base.DroppingBatchWriter;
import io.kefu.server.store.ComplianceStore;

/**
 * Writes audit entries in batches ({@link DroppingBatchWriter}): {@link #offer} puts an entry on a bounded queue and
 * returns at once; one thread, {@code kefu-audit-writer}, takes whatever is waiting (up to {@code maxBatch}) and
 * writes it in one transaction. When the queue is full the entry is dropped and counted (and logged, sparsely): the
 * audit log must never slow down or block the message path. A batch the database refuses is retried once,
 * then dropped and counted.
 *
 * <p>Threads: {@link #offer} from any thread (router lanes), never blocks; the writes on the writer thread;
 * {@link #close} blocks its caller while the queue drains (up to {@value #CLOSE_TIMEOUT_MS} ms).
 */
public final class AuditWriter implements AutoCloseable {
    static final long CLOSE_TIMEOUT_MS = DroppingBatchWriter.CLOSE_TIMEOUT_MS;

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

    private final DroppingBatchWriter<AuditEntry> writer;

    /** Starts the writer thread. */
    public AuditWriter(ComplianceStore store, Settings settings) {
        this.writer = new DroppingBatchWriter<>("kefu-audit-writer", "Compliance audit entries",
                settings.queueCapacity(), settings.maxBatch(),
                batch -> store.insertAudit(batch.stream().map(AuditEntry::toRecord).toList()));
    }

    /** Queues the entry; {@code false} (and counted as dropped) when the queue is full or the writer closed. */
    public boolean offer(AuditEntry entry) {
        return writer.offer(entry);
    }

    /** Entries written so far. */
    public long written() {
        return writer.written();
    }

    /** Entries dropped so far (queue full, writer closed, database errors). */
    public long dropped() {
        return writer.dropped();
    }

    /** Entries waiting to be written. */
    public int depth() {
        return writer.depth();
    }

    /** Stops taking entries, writes what is queued, then stops the thread. */
    @Override
    public void close() {
        writer.close();
    }
}
