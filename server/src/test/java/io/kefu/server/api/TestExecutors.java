package io.kefu.server.api;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.KefuException;
import io.kefu.server.store.StoreExecutor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Executors for API tests. */
final class TestExecutors {
    private TestExecutors() {
    }

    /** A bounded pool whose threads are named {@code name-N}. Stand-in until BoundedStoreExecutor is merged. */
    static StoreExecutor bounded(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return new StoreExecutor() {
            @Override
            public <T> CompletableFuture<T> submit(Callable<T> task) {
                CompletableFuture<T> f = new CompletableFuture<>();
                try {
                    pool.execute(() -> {
                        try {
                            f.complete(task.call());
                        } catch (Throwable e) {
                            f.completeExceptionally(e);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    f.completeExceptionally(new KefuException(ErrorCode.OVERLOADED, name + " is full"));
                }
                return f;
            }

            @Override
            public int queueDepth() {
                return pool.getQueue().size();
            }

            @Override
            public void close() {
                pool.shutdown();
            }
        };
    }

    /** An executor whose queue is always full. */
    static StoreExecutor full() {
        return new StoreExecutor() {
            @Override
            public <T> CompletableFuture<T> submit(Callable<T> task) {
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED,
                        "the store is overloaded; retry later"));
            }

            @Override
            public int queueDepth() {
                return Integer.MAX_VALUE;
            }

            @Override
            public void close() {
            }
        };
    }
}
