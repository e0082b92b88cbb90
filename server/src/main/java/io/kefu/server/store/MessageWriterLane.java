package io.kefu.server.store;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.BatchLoop;
import io.kefu.server.base.KefuException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane of the {@link MessageBatchWriter}: a bounded queue and the thread
 * ({@code kefu-msg-writer-N}) that drains it in batches. Everything below {@link #run} runs on that
 * thread; {@link #offer}, {@link #remove} and {@link #depth} are called from any thread.
 */
final class MessageWriterLane implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriterLane.class);
    /** How often an idle lane looks whether it was asked to stop. */
    private static final long IDLE_POLL_MS = 100;

    private final int number;
    private final MessageStore store;
    private final MessageBatchWriter.Settings settings;
    private final BatchLoop.Gate gate;
    private final ConversationFailures failures;
    private final MessageWriterMeters meters;
    private final ArrayBlockingQueue<PendingMessage> queue;
    private final Thread thread;
    private volatile boolean stopping;

    MessageWriterLane(int number, MessageStore store, MessageBatchWriter.Settings settings, BatchLoop.Gate gate,
                      ConversationFailures failures, MessageWriterMeters meters) {
        this.number = number;
        this.store = store;
        this.settings = settings;
        this.gate = gate;
        this.failures = failures;
        this.meters = meters;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this, "kefu-msg-writer-" + number);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int number() {
        return number;
    }

    int capacity() {
        return settings.queueCapacity();
    }

    int depth() {
        return queue.size();
    }

    boolean offer(PendingMessage pending) {
        return queue.offer(pending);
    }

    boolean remove(PendingMessage pending) {
        return queue.remove(pending);
    }

    /** Asks the thread to finish the queue and stop; waits for it until {@code deadlineNanos}. */
    void stop(long deadlineNanos) {
        stopping = true;
        if (BatchLoop.awaitStop(thread, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()))) {
            log.warn("message writer lane {} still busy at close; {} messages left unwritten", number, depth());
        }
    }

    /** What is still queued after {@link #stop}, for the writer to fail. */
    List<PendingMessage> drainLeftovers() {
        List<PendingMessage> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    @Override
    public void run() {
        BatchLoop.run(queue, settings.maxBatch(), IDLE_POLL_MS, settings.pace(), gate, () -> stopping,
                this::writeSafely);
    }

    /** A lane that dies leaves its routers waiting forever, so nothing may escape a batch. */
    private void writeSafely(List<PendingMessage> batch) {
        try {
            new MessageBatch(number, batch, store, settings, failures, meters).write();
        } catch (RuntimeException | Error e) {
            // Not even an Error may stop the lane: its conversations would have no writer left.
            log.error("message writer lane {} failed a batch of {} unexpectedly", number, batch.size(), e);
            for (PendingMessage p : batch) {
                if (!p.future().isDone()) {
                    failures.record(p.conv(), p.epoch(), p.seq());
                    meters.failed(p, MessageWriterMeters.DATABASE,
                            new KefuException(ErrorCode.INTERNAL, "message writer failed", e));
                }
            }
        }
    }
}
