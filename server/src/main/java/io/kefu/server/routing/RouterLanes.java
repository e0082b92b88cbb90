package io.kefu.server.routing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-threaded executors that shop routers run on (threads {@code kefu-router-N}). A shop always
 * maps to the same lane, so its commands run one at a time, in order, without locks. Many shops share
 * a lane; a lane must never block, so store work is handed to the store executor.
 */
public final class RouterLanes implements AutoCloseable {
    private final ExecutorService[] lanes;

    public RouterLanes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("router lanes must be >= 1, was " + count);
        }
        lanes = new ExecutorService[count];
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kefu-router-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }
    }

    public ExecutorService laneFor(String shopId) {
        return lanes[Math.floorMod(shopId.hashCode(), lanes.length)];
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
