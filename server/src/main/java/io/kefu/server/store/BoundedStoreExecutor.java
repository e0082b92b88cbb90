package io.kefu.server.store;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool of daemon threads named {@code <name>-1 .. <name>-N} with a bounded queue: the
 * {@link StoreExecutor} every JDBC call runs on, and as generic as that, so other blocking work (such
 * as password hashing) reuses it under another name.
 *
 * <p>{@link #submit} never blocks and never throws. A full queue answers at once with a future failed
 * with {@code KefuException(OVERLOADED)}. A task's {@link KefuException} fails the future as is; a
 * {@link SQLException} (thrown, or the cause of a {@link StoreException}) is logged without row values
 * and fails it with {@code KefuException(INTERNAL)}, as does any other exception. Futures complete on
 * the pool's threads: callers hop back to their own executor.
 */
public final class BoundedStoreExecutor implements StoreExecutor {
    /** How long {@link #close()} lets queued tasks run before it fails the rest. */
    static final long CLOSE_TIMEOUT_MS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(BoundedStoreExecutor.class);

    private final String name;
    private final int queueCapacity;
    private final ThreadPoolExecutor pool;

    public BoundedStoreExecutor(String name, int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread and a queue capacity of at"
                    + " least 1, was " + threads + " threads, capacity " + queueCapacity);
        }
        this.name = name;
        this.queueCapacity = queueCapacity;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemonThreads(name), new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Task<T> wrapped = new Task<>(task);
        try {
            pool.execute(wrapped);
        } catch (RejectedExecutionException e) {
            wrapped.future.completeExceptionally(rejection());
        }
        return wrapped.future;
    }

    @Override
    public int queueDepth() {
        return pool.getQueue().size();
    }

    /**
     * Stops taking tasks and lets queued ones run for up to {@value #CLOSE_TIMEOUT_MS} ms; tasks that
     * did not start by then fail with {@code OVERLOADED}. Blocks the calling thread meanwhile.
     */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (pool.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> neverRun = pool.shutdownNow();
        log.warn("{} closed with {} tasks not run", name, neverRun.size());
        for (Runnable r : neverRun) {
            if (r instanceof Task<?> t) {
                t.future.completeExceptionally(new KefuException(ErrorCode.OVERLOADED, name + " is shut down"));
            }
        }
    }

    private KefuException rejection() {
        if (pool.isShutdown()) {
            return new KefuException(ErrorCode.OVERLOADED, name + " is shut down");
        }
        return new KefuException(ErrorCode.OVERLOADED, name + " queue is full (" + queueDepth()
                + " waiting, capacity " + queueCapacity + ")");
    }

    /** What a task's exception becomes for the caller; logs what the caller will not see. */
    KefuException toKefuException(Throwable failure) {
        if (failure instanceof KefuException k) {
            return k;
        }
        SQLException sql = SqlErrors.find(failure);
        if (sql != null) {
            String what = failure instanceof StoreException ? failure.getMessage() : SqlErrors.describe(sql);
            log.warn("{} task failed on the database: {}", name, what);
            return new KefuException(ErrorCode.INTERNAL, "database error (SQLState " + SqlErrors.sqlState(sql)
                    + ")", failure);
        }
        log.error("{} task failed", name, failure);
        return new KefuException(ErrorCode.INTERNAL, name + " task failed: " + failure.getClass().getSimpleName(),
                failure);
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ... (plain threads: they may block). */
    static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A task with its future, so that tasks dropped by {@link #close()} can still be failed. */
    private final class Task<T> implements Runnable {
        final CompletableFuture<T> future = new CompletableFuture<>();
        private final Callable<T> callable;

        Task(Callable<T> callable) {
            this.callable = callable;
        }

        @Override
        public void run() {
            try {
                future.complete(callable.call());
            } catch (Throwable t) {
                future.completeExceptionally(toKefuException(t));
                if (t instanceof Error e && !(t instanceof AssertionError)) {
                    throw e;
                }
            }
        }
    }
}
