package io.kefu.server.api;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.StoreExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Executors for API tests. */
final class TestExecutors {
    private TestExecutors() {
    }

    /** The production executor, threads named {@code name-N}. */
    static StoreExecutor bounded(String name, int threads, int queue) {
        return new BoundedStoreExecutor(name, threads, queue);
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
