package io.kefu.server.routing;

import io.kefu.server.session.Outbox;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of a router lane. Every task runs with an {@link Outbox} open, so what the task writes to
 * connections leaves in one hand-over per event loop. Under load tasks come back to back: the outbox then stays
 * open while more tasks wait, up to {@value #MAX_TASKS_PER_OUTBOX} of them, and what they wrote leaves together
 * when the queue is empty (one event-loop task and one flush per channel for the lot instead of for each). Tasks
 * are queued from any thread.
 */
final class LaneExecutor extends ThreadPoolExecutor {
    /**
     * At most this many tasks' writes wait in one outbox: the first task's frames wait for the others to run (a task
     * takes tens of microseconds; one that carries a committed batch back, up to about a millisecond).
     */
    static final int MAX_TASKS_PER_OUTBOX = 8;

    private int tasksInOutbox; // the lane's thread only

    LaneExecutor(ThreadFactory threads) {
        super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        if (tasksInOutbox == 0) {
            Outbox.open();
        }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        // A task that threw ends its thread (a new one takes over), and the outbox is the thread's: close it now.
        if (++tasksInOutbox >= MAX_TASKS_PER_OUTBOX || t != null || getQueue().isEmpty()) {
            tasksInOutbox = 0;
            Outbox.close();
        }
    }
}
