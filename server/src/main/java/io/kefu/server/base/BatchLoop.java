package io.kefu.server.base;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The loop of a writer thread that commits in batches (group commit): wait briefly for an item, take
 * what else is waiting up to the batch size, hand the batch over, repeat. Returns when interrupted, or
 * when {@code stopping} says so and the queue is empty (so everything accepted before a stop is written).
 * Runs on the calling thread, which it owns until it returns.
 */
public final class BatchLoop {
    private BatchLoop() {
    }

    public static <T> void run(BlockingQueue<T> queue, int maxBatch, long idlePollMs, BooleanSupplier stopping,
                               Consumer<List<T>> write) {
        List<T> batch = new ArrayList<>(maxBatch);
        while (true) {
            T first;
            try {
                first = queue.poll(idlePollMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            write.accept(batch);
            batch.clear();
        }
    }

    /**
     * Waits up to {@code waitMs} for the loop's thread (already told to stop) to finish the queue; interrupts it
     * when it is still busy then. Returns whether it was: the caller says what was left behind.
     */
    public static boolean awaitStop(Thread thread, long waitMs) {
        try {
            thread.join(Math.max(1, waitMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            return false;
        }
        thread.interrupt();
        return true;
    }
}
