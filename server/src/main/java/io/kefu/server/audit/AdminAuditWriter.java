package io.kefu.server.audit;

import io.kefu.server.base.DroppingBatchWriter;
import io.kefu.server.store.AdminAuditRecord;
import io.kefu.server.store.AdminAuditStore;

/**
 * Writes admin audit entries in batches, like the compliance audit writer ({@link DroppingBatchWriter}):
 * {@link #offer} puts an entry on a bounded queue ({@code queueCapacity}) and returns at once; one thread,
 * {@code kefu-admin-audit}, writes whatever is waiting (up to {@code maxBatch}) in one transaction. A full queue
 * drops the entry and counts it (logged sparsely): an API call never waits for its audit entry. A refused batch is
 * retried once.
 *
 * <p>Threads: {@link #offer} from any thread (event loops, store and auth threads), never blocks; the writes on
 * the writer thread; {@link #close} blocks its caller while the queue drains.
 */
public final class AdminAuditWriter implements AutoCloseable {
    private final DroppingBatchWriter<AdminAuditRecord> writer;

    /** Starts the writer thread. */
    public AdminAuditWriter(AdminAuditStore store, int queueCapacity, int maxBatch) {
        this.writer = new DroppingBatchWriter<>("kefu-admin-audit", "Admin audit entries", queueCapacity, maxBatch,
                store::insert);
    }

    /** Queues the entry; {@code false} (and counted as dropped) when the queue is full or the writer closed. */
    public boolean offer(AdminAuditRecord entry) {
        return writer.offer(entry);
    }

    public long written() {
        return writer.written();
    }

    public long dropped() {
        return writer.dropped();
    }

    /** Stops taking entries, writes what is queued, then stops the thread. */
    @Override
    public void close() {
        writer.close();
    }
}
