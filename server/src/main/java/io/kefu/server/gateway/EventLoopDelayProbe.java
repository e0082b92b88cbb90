package io.kefu.server.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late the event loops run their tasks: every {@value #INTERVAL_MS} ms each loop runs a
 * task scheduled for that moment and records how far past it it started. A loop that is busy, or blocked
 * by a mistake, shows up here before clients feel it. Runs on the event loops themselves (a few ns a tick).
 */
public final class EventLoopDelayProbe {
    public static final String DELAY = "kefu.gateway.eventloop.delay";
    static final long INTERVAL_MS = 100;

    private final Timer delay;
    private volatile boolean stopped;

    public EventLoopDelayProbe(EventLoopGroup loops, MeterRegistry registry) {
        // Count, total and max only: a percentile histogram may yield the thread when a scrape flips it,
        // and this records on the event loop.
        this.delay = Timer.builder(DELAY).description("How late event-loop tasks start (scheduling delay)")
                .distributionStatisticExpiry(Duration.ofSeconds(30)).register(registry);
        for (EventExecutor loop : loops) {
            tick(loop, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS));
        }
    }

    private void tick(EventExecutor loop, long due) {
        if (stopped || loop.isShuttingDown()) {
            return;
        }
        loop.schedule(() -> {
            long now = System.nanoTime();
            delay.record(Math.max(0, now - due), TimeUnit.NANOSECONDS);
            tick(loop, now + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS));
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public void stop() {
        stopped = true;
    }
}
