package io.kefu.server.store;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Where every JDBC call runs: a bounded pool with a bounded queue. When the queue is full,
 * {@link #submit} returns a future failed with {@code KefuException(OVERLOADED)} instead of growing
 * without bound. Completion happens on a store thread: callers hop back to their own executor.
 */
public interface StoreExecutor extends AutoCloseable {

    <T> CompletableFuture<T> submit(Callable<T> task);

    /** Tasks waiting for a thread, for metrics. */
    int queueDepth();

    /** Stops taking tasks, lets queued ones finish (up to a bound), then stops. */
    @Override
    void close();
}
