package io.kefu.server.store;

import java.util.function.BooleanSupplier;

/**
 * Who a store task writes for, while it runs: a shop router's tasks say whether that router was retired (its shop
 * moved to another cluster node). A fence ({@link WriteFence}) asks inside the write's transaction, after it holds
 * its lock, so a task that passed its router's check and then waited (for a pooled connection, say) still cannot
 * write for a router that has stopped since. Store threads only; set and cleared around each task.
 */
public final class WriteGuard {
    private static final ThreadLocal<BooleanSupplier> RETIRED = new ThreadLocal<>();

    private WriteGuard() {
    }

    /** Runs {@code task} on this thread as written for a router that is retired once {@code retired} says so. */
    public static <T> T call(BooleanSupplier retired, java.util.concurrent.Callable<T> task) throws Exception {
        BooleanSupplier before = RETIRED.get();
        RETIRED.set(retired);
        try {
            return task.call();
        } finally {
            if (before == null) {
                RETIRED.remove();
            } else {
                RETIRED.set(before);
            }
        }
    }

    /** {@code true} when the task running on this thread writes for a router that has been retired. */
    public static boolean retired() {
        BooleanSupplier r = RETIRED.get();
        return r != null && r.getAsBoolean();
    }
}
