package io.kefu.server;

import io.kefu.server.auth.MutableClock;
import io.kefu.server.routing.timers.RouterTimers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Routing timers driven by a test's {@link MutableClock}: nothing runs until {@link #advance} moves the
 * clock past a task's time (a task already due when scheduled runs at once). The tasks only post into
 * router mailboxes, so a test then awaits the pushes as usual. Thread-safe.
 */
public final class ManualTimers implements RouterTimers {
    private final MutableClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long order;

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long seq;
        final Runnable run;
        volatile boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualTimers(MutableClock clock) {
        this.clock = clock;
    }

    public MutableClock clock() {
        return clock;
    }

    @Override
    public Timer schedule(long dueAtMillis, Runnable task) {
        Task t;
        synchronized (this) {
            t = new Task(dueAtMillis, order++, task);
            if (dueAtMillis > clock.millis()) {
                tasks.add(t);
                return t;
            }
        }
        task.run();
        return t;
    }

    /** The server stopped: its tasks are dropped (a restarted server schedules its own). */
    @Override
    public synchronized void close() {
        tasks.clear();
    }

    /** Moves the clock and runs, in time order, every task that is then due. */
    public void advance(Duration d) {
        clock.advance(d);
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            while (!tasks.isEmpty() && tasks.peek().due <= clock.millis()) {
                due.add(tasks.poll());
            }
        }
        for (Task t : due) {
            if (!t.cancelled) {
                t.run.run();
            }
        }
    }
}
