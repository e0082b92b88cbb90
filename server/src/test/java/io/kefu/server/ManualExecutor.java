package io.kefu.server;

import io.kefu.server.store.StoreExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link StoreExecutor} that runs its tasks on the test's thread: at once ({@link #direct()}), or only when
 * the test calls {@link #runAll()} ({@link #held()}), to see what a cache does while a load is pending.
 */
public final class ManualExecutor implements StoreExecutor {
    private final boolean hold;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    private ManualExecutor(boolean hold) {
        this.hold = hold;
    }

    public static ManualExecutor direct() {
        return new ManualExecutor(false);
    }

    public static ManualExecutor held() {
        return new ManualExecutor(true);
    }

    @Override
    public synchronized <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                f.complete(task.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        };
        if (hold) {
            pending.add(run);
        } else {
            run.run();
        }
        return f;
    }

    /** Runs the held tasks; returns how many. */
    public int runAll() {
        int n = 0;
        Runnable r;
        while ((r = poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    private synchronized Runnable poll() {
        return pending.poll();
    }

    @Override
    public synchronized int queueDepth() {
        return pending.size();
    }

    @Override
    public void close() {
    }
}
