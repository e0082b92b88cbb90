package io.kefu.server.routing.timers;

/**
 * Runs a task at a wall-clock time of the server's clock. Tasks run on a timer thread and must only post
 * work (into a router's mailbox), never do it. Production uses a hashed wheel ({@link WheelTimers}); tests
 * use a manual one driven by a fake clock, so time rules are tested in milliseconds. Thread-safe.
 */
public interface RouterTimers extends AutoCloseable {

    /**
     * Runs {@code task} once the clock reads {@code dueAtMillis} or later (at once if that is past). Once closed,
     * nothing runs: a task scheduled then is dropped.
     */
    Timer schedule(long dueAtMillis, Runnable task);

    /** A scheduled task; cancelling one that ran or was cancelled does nothing. */
    interface Timer {
        void cancel();
    }

    @Override
    default void close() {
    }
}
