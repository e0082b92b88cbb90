package io.kefu.server.routing;

import io.kefu.server.session.Outbox;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of a router lane. Every task runs with an {@link Outbox} open, so what the task writes to
 * connections leaves in one hand-over per event loop when it ends. Tasks are queued from any thread.
 */
final class LaneExecutor extends ThreadPoolExecutor {
    LaneExecutor(ThreadFactory threads) {
        super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        Outbox.open();
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        Outbox.close();
    }
}
