package io.kefu.server.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-threaded executors that shop routers run on (threads {@code kefu-router-N}). A shop always
 * maps to the same lane, so its commands run one at a time, in order, without locks. Many shops share
 * a lane; a lane must never block, so store work is handed to the store executor.
 *
 * <p>New commands are refused once {@code maxQueue} tasks wait on a lane ({@link Lane#full()}), so an
 * overload answers {@code overloaded} instead of growing memory. Continuations of work already admitted
 * (a stored message coming back) are always accepted: dropping one would lose an acknowledgement.
 */
public final class RouterLanes implements AutoCloseable {
    public static final String QUEUE = "kefu.router.queue";

    private final Lane[] lanes;

    /**
     * One lane: its executor, its bound for new commands, and {@code continuations}, which runs work coming back
     * to the lane (stored messages) many to one task.
     */
    public record Lane(ThreadPoolExecutor executor, int maxQueue, Executor continuations) implements Executor {
        @Override
        public void execute(Runnable task) {
            executor.execute(task);
        }

        public boolean full() {
            return executor.getQueue().size() >= maxQueue;
        }
    }

    public RouterLanes(int count, int maxQueue, MeterRegistry registry) {
        if (count < 1) {
            throw new IllegalArgumentException("router lanes must be >= 1, was " + count);
        }
        lanes = new Lane[count];
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            ThreadPoolExecutor exec = new LaneExecutor(r -> {
                Thread t = new Thread(r, "kefu-router-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            lanes[i] = new Lane(exec, maxQueue, new Continuations(exec));
            Gauge.builder(QUEUE, exec, e -> e.getQueue().size()).tag("lane", Integer.toString(i))
                    .description("Tasks waiting on a router lane").register(registry);
        }
    }

    public Lane laneFor(String shopId) {
        return lanes[Math.floorMod(shopId.hashCode(), lanes.length)];
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.executor().shutdown();
        }
        for (Lane lane : lanes) {
            try {
                lane.executor().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
