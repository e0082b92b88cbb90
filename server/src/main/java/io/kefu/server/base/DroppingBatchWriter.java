package io.kefu.server.base;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records in batches where losing a few is better than waiting (audit trails): {@link #offer} puts a record on
 * a bounded queue and returns at once; one thread writes whatever is waiting (up to {@code maxBatch}) with one call of
 * {@code insert} ({@link BatchLoop}). A full queue drops the record and counts it (logged on the first drop and then
 * every {@value #LOG_EVERY_DROPS}); a batch {@code insert} refuses is tried once more, then dropped and counted.
 *
 * <p>Threads: {@link #offer} from any thread, never blocks; {@code insert} on the writer thread (it may block on the
 * database); {@link #close} blocks its caller while the queue drains (up to {@value #CLOSE_TIMEOUT_MS} ms).
 */
public final class DroppingBatchWriter<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DroppingBatchWriter.class);
    public static final long CLOSE_TIMEOUT_MS = 10_000;
    private static final long IDLE_POLL_MS = 100;
    private static final long LOG_EVERY_DROPS = 1_000;

    private final String what;
    private final int queueCapacity;
    private final int maxBatch;
    private final Consumer<List<T>> insert;
    private final ArrayBlockingQueue<T> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;

    /**
     * Starts the writer thread, named {@code threadName}. {@code what} names the records in log lines
     * ("compliance audit entries").
     */
    public DroppingBatchWriter(String threadName, String what, int queueCapacity, int maxBatch,
                               Consumer<List<T>> insert) {
        if (queueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException(what + " writer: queueCapacity and maxBatch must be at least 1, was "
                    + queueCapacity + " and " + maxBatch);
        }
        this.what = what;
        this.queueCapacity = queueCapacity;
        this.maxBatch = maxBatch;
        this.insert = insert;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the record; {@code false} (and counted as dropped) when the queue is full or the writer closed. */
    public boolean offer(T record) {
        if (!stopping && queue.offer(record)) {
            return true;
        }
        drop(1, stopping ? "the writer is closed" : "the queue is full (" + queueCapacity + ")");
        return false;
    }

    /** Records written so far. */
    public long written() {
        return written.get();
    }

    /** Records dropped so far (queue full, writer closed, database errors). */
    public long dropped() {
        return dropped.get();
    }

    /** Records waiting to be written. */
    public int depth() {
        return queue.size();
    }

    private void run() {
        BatchLoop.run(queue, maxBatch, IDLE_POLL_MS, () -> stopping, this::write);
    }

    private void write(List<T> batch) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                insert.accept(batch);
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    log.warn("{}: a batch of {} not written: {}", what, batch.size(), e.toString());
                }
            }
        }
        drop(batch.size(), "the database refused the batch");
    }

    private void drop(int count, String why) {
        long before = dropped.getAndAdd(count);
        if (before == 0 || before / LOG_EVERY_DROPS != (before + count) / LOG_EVERY_DROPS) {
            log.warn("{} dropped: {} so far ({})", what, before + count, why);
        }
    }

    /** Stops taking records, writes what is queued, then stops the thread. */
    @Override
    public void close() {
        stopping = true;
        if (BatchLoop.awaitStop(thread, CLOSE_TIMEOUT_MS)) {
            log.warn("{} writer still busy at close; {} left unwritten", what, queue.size());
        }
    }
}
