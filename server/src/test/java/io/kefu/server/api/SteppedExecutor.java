package io.kefu.server.api;

import io.kefu.server.store.StoreExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs tasks on a real executor's threads, but completes the futures it hands out only in
 * {@link #drain()}, on the test's thread. The handler's continuations (and so its writes) then run on
 * the thread that drives the {@code EmbeddedChannel}, as they would be handed to one event loop, and a
 * test decides exactly when each step completes.
 */
final class SteppedExecutor implements StoreExecutor {
    private final StoreExecutor delegate;
    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private int submitted;

    SteppedExecutor(StoreExecutor delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        submitted++;
        CompletableFuture<T> running = delegate.submit(task);
        CompletableFuture<T> result = new CompletableFuture<>();
        completions.add(() -> {
            try {
                result.complete(running.join());
            } catch (CompletionException e) {
                result.completeExceptionally(e.getCause());
            }
        });
        return result;
    }

    /** Waits for every task submitted so far and completes their futures here; returns how many. */
    int drain() {
        int n = 0;
        for (Runnable r = completions.poll(); r != null; r = completions.poll()) {
            r.run();
            n++;
        }
        return n;
    }

    /** Tasks submitted since this executor was made. */
    int submitted() {
        return submitted;
    }

    @Override
    public int queueDepth() {
        return completions.size();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
