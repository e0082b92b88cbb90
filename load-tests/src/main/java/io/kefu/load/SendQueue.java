package io.kefu.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@link Sender}s whose connections live on one event loop, in the order of their next send: a binary
 * heap keyed by time (two arrays: nothing allocated per send) and one timer, for the earliest. When it
 * fires, every sender that is due sends (each flushing its connection once) and goes back into the heap at
 * its next time. This replaces a Netty task scheduled per message, which cost an object, a place in the
 * loop's own task heap and, nearly every time, a new deadline for the loop's timer.
 *
 * <p>A turn serves at most {@link #MAX_PER_TURN} senders and then queues itself behind the loop's other
 * work, so a harness far behind its schedule still reads. Confined to its event loop, apart from
 * construction.
 */
final class SendQueue implements Runnable {
    /** Senders served in one turn before the loop is given back to reads. */
    static final int MAX_PER_TURN = 1024;

    /** What the queue serves ({@link Sender}): something that acts at times it names. */
    interface Due {
        /** The first time, or {@link RatePlan#NEVER} for none. */
        long first();

        /** Does what is due at {@code now}; the next time, or {@link RatePlan#NEVER} when done. */
        long sendDue(long now);
    }

    private final EventLoop loop;
    private final MicroClock clock;
    private final BooleanSupplier stopping;
    private Due[] senders = new Due[16];
    private long[] times = new long[16];
    private int size;
    /** A turn is queued: {@link #run} will be called at {@link #pendingAt} or soon after. */
    private boolean pending;
    private long pendingAt;
    private ScheduledFuture<?> timer;

    SendQueue(EventLoop loop, MicroClock clock, BooleanSupplier stopping) {
        this.loop = loop;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Starts {@code list}: each is asked for its first send time. On the loop only. */
    void addAll(List<? extends Due> list) {
        for (Due s : list) {
            long first = s.first();
            if (first != RatePlan.NEVER) {
                push(s, first);
            }
        }
        arm(clock.nowMicros());
    }

    /** Senders waiting for their next send. */
    int size() {
        return size;
    }

    @Override
    public void run() {
        pending = false;
        timer = null;
        long now = clock.nowMicros();
        for (int served = 0; size > 0 && times[0] <= now && served < MAX_PER_TURN && !stopping.getAsBoolean();
                served++) {
            long next = senders[0].sendDue(now);
            if (next == RatePlan.NEVER) {
                removeTop();
            } else {
                times[0] = next;
                siftDown(0);
            }
        }
        arm(now);
    }

    /** Makes sure a turn is queued for the earliest sender. */
    private void arm(long now) {
        if (size == 0 || stopping.getAsBoolean()) {
            return;
        }
        long at = times[0];
        if (pending && pendingAt <= at) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        pending = true;
        if (at <= now) {
            pendingAt = now;
            loop.execute(this);
        } else {
            pendingAt = at;
            timer = loop.schedule(this, at - now, TimeUnit.MICROSECONDS);
        }
    }

    private void push(Due s, long at) {
        if (size == senders.length) {
            senders = Arrays.copyOf(senders, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        place(size, s, at);
        siftUp(size++);
    }

    private void removeTop() {
        size--;
        place(0, senders[size], times[size]);
        senders[size] = null;
        if (size > 0) {
            siftDown(0);
        }
    }

    /** Moves the entry at {@code i} up past every parent due later; the hole it leaves moves down. */
    private void siftUp(int i) {
        Due s = senders[i];
        long t = times[i];
        int at = i;
        for (int parent = (at - 1) >>> 1; at > 0 && times[parent] > t; parent = (at - 1) >>> 1) {
            place(at, senders[parent], times[parent]);
            at = parent;
        }
        place(at, s, t);
    }

    /** Moves the entry at {@code i} down past every child due earlier. */
    private void siftDown(int i) {
        Due s = senders[i];
        long t = times[i];
        int at = i;
        for (int child = earlierChild(at); child >= 0 && times[child] < t; child = earlierChild(at)) {
            place(at, senders[child], times[child]);
            at = child;
        }
        place(at, s, t);
    }

    /** The child of {@code i} due first, or -1 when it has none. */
    private int earlierChild(int i) {
        int left = 2 * i + 1;
        if (left >= size) {
            return -1;
        }
        int right = left + 1;
        return right < size && times[right] < times[left] ? right : left;
    }

    private void place(int i, Due s, long t) {
        senders[i] = s;
        times[i] = t;
    }
}
