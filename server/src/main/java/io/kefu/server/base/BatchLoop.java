package io.kefu.server.base;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The loop of a writer thread that commits in batches (group commit): wait briefly for an item, take
 * what else is waiting up to the batch size, hand the batch over, repeat. Returns when interrupted, or
 * when {@code stopping} says so and the queue is empty (so everything accepted before a stop is written).
 * Runs on the calling thread, which it owns until it returns.
 *
 * <p>With a {@link Pace}, batches start at most once per interval: an item that arrives sooner after the
 * last batch started waits for the interval to end, with whatever else arrives meanwhile. An idle loop
 * writes its first item at once; under load the batches grow with the rate instead of the commits
 * multiplying. For a store whose every commit has a large fixed cost (H2 writes whole pages per commit).
 *
 * <p>With a {@link Gate} shared by several loops, at most so many of them write at once: a loop that has an item
 * waits at the gate while others write, and its batch takes whatever arrived meanwhile. Batches grow when the
 * store is busy, and close as soon as it is free, without a timer.
 */
public final class BatchLoop {
    private BatchLoop() {
    }

    /**
     * The least time between the starts of two batches, and the clock and the pause it is kept with (injected so
     * that tests decide when a pause ends).
     */
    public record Pace(long intervalNanos, Ticker ticker) {
        /** No pacing: a batch starts as soon as an item is there. */
        public static final Pace NONE = new Pace(0, Ticker.SYSTEM);

        public Pace {
            if (intervalNanos < 0) {
                throw new IllegalArgumentException("pace interval must not be negative, was " + intervalNanos);
            }
        }

        public static Pace every(long interval, TimeUnit unit) {
            return new Pace(unit.toNanos(interval), Ticker.SYSTEM);
        }
    }

    /** A monotonic clock and a way to let time pass on it. */
    public interface Ticker {
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void pause(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };

        long nanoTime();

        /** Returns after about {@code nanos}, or sooner (an interrupt); the loop then writes what it has. */
        void pause(long nanos);
    }

    /**
     * How many of the loops sharing it write at once. A loop enters once it has an item and leaves when its batch is
     * written. Entering waits (the loop's thread is a writer's own, which may block).
     */
    public interface Gate {
        /** No limit: every loop writes as soon as it has an item. */
        Gate OPEN = new Gate() {
            @Override
            public boolean enter() {
                return true;
            }

            @Override
            public void leave() {
            }
        };

        /** Waits for a place; false when interrupted (the flag set again): the loop then writes without one. */
        boolean enter();

        /** Gives the place taken by a successful {@link #enter()} back. */
        void leave();

        /** At most {@code writers} at once, the places given in the order they were asked for. */
        static Gate of(int writers) {
            if (writers < 1) {
                throw new IllegalArgumentException("a gate needs at least one place, was " + writers);
            }
            Semaphore places = new Semaphore(writers, true);
            return new Gate() {
                @Override
                public boolean enter() {
                    try {
                        places.acquire();
                        return true;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }

                @Override
                public void leave() {
                    places.release();
                }
            };
        }
    }

    public static <T> void run(BlockingQueue<T> queue, int maxBatch, long idlePollMs, BooleanSupplier stopping,
                               Consumer<List<T>> write) {
        run(queue, maxBatch, idlePollMs, Pace.NONE, Gate.OPEN, stopping, write);
    }

    public static <T> void run(BlockingQueue<T> queue, int maxBatch, long idlePollMs, Pace pace, Gate gate,
                               BooleanSupplier stopping, Consumer<List<T>> write) {
        List<T> batch = new ArrayList<>(maxBatch);
        long interval = pace.intervalNanos();
        Ticker ticker = pace.ticker();
        // As if a batch had started one interval ago, so that the first one goes at once.
        long lastStart = ticker.nanoTime() - interval;
        while (true) {
            T first;
            try {
                first = queue.poll(idlePollMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            if (interval > 0) {
                long wait = lastStart + interval - ticker.nanoTime();
                // A full batch does not wait: it could not take more.
                if (wait > 0 && queue.size() < maxBatch - 1) {
                    ticker.pause(wait);
                }
                lastStart = ticker.nanoTime();
            }
            boolean entered = gate.enter();
            try {
                queue.drainTo(batch, maxBatch - 1);
                write.accept(batch);
            } finally {
                if (entered) {
                    gate.leave();
                }
            }
            batch.clear();
        }
    }

    /**
     * Waits up to {@code waitMs} for the loop's thread (already told to stop) to finish the queue; interrupts it
     * when it is still busy then. Returns whether it was: the caller says what was left behind.
     */
    public static boolean awaitStop(Thread thread, long waitMs) {
        try {
            thread.join(Math.max(1, waitMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            return false;
        }
        thread.interrupt();
        return true;
    }
}
