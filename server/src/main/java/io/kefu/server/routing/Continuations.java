package io.kefu.server.routing;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs continuations on a lane, many to one lane task: the first of a burst (a committed batch of messages
 * coming back from the writer, one future after another) schedules a task; those that arrive before it runs
 * join it. In the order they came; at most {@value #MAX_PER_TASK} per task, so commands get their turn and what a
 * task writes to connections (its {@link io.kefu.server.session.Outbox}, which a lane shares among at most
 * {@value LaneExecutor#MAX_TASKS_PER_OUTBOX} tasks) leaves without waiting long.
 * {@link #execute} may be called from any thread; the continuations run on the lane.
 */
final class Continuations implements Executor {
    private static final Logger log = LoggerFactory.getLogger(Continuations.class);
    static final int MAX_PER_TASK = 64;

    private final Executor lane;
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Continuations(Executor lane) {
        this.lane = lane;
    }

    @Override
    public void execute(Runnable continuation) {
        waiting.add(continuation);
        if (scheduled.compareAndSet(false, true)) {
            lane.execute(this::drain);
        }
    }

    private void drain() {
        Runnable next;
        for (int i = 0; i < MAX_PER_TASK && (next = waiting.poll()) != null; i++) {
            try {
                next.run();
            } catch (RuntimeException e) {
                log.error("continuation failed on a router lane", e);
            }
        }
        scheduled.set(false);
        if (!waiting.isEmpty() && scheduled.compareAndSet(false, true)) {
            lane.execute(this::drain);
        }
    }
}
