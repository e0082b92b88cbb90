package io.kefu.server.routing.timers;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * {@link RouterTimers} on Netty's {@link HashedWheelTimer}: one thread, O(1) to schedule and cancel, a
 * tick of 100 ms (routing's deadlines are seconds long). Tasks run on the wheel's thread.
 */
public final class WheelTimers implements RouterTimers {
    private final Clock clock;
    private final HashedWheelTimer wheel;

    public WheelTimers(Clock clock) {
        this.clock = clock;
        this.wheel = new HashedWheelTimer(new DefaultThreadFactory("kefu-timers", true), 100, TimeUnit.MILLISECONDS,
                512);
    }

    @Override
    public Timer schedule(long dueAtMillis, Runnable task) {
        long delay = Math.max(0, dueAtMillis - clock.millis());
        Timeout t;
        try {
            t = wheel.newTimeout(timeout -> task.run(), delay, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException stopped) {
            // Closed (the server is stopping): nothing runs any more, so neither does this. What it was for is
            // in the store if it matters (a webhook's next attempt is taken up after the next start).
            return () -> { };
        }
        return t::cancel;
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
