package io.kefu.server.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how late the event loops run their tasks: every {@value #INTERVAL_MS} ms each loop runs a
 * task scheduled for that moment and records how far past it it started. A loop that is busy, or blocked
 * by a mistake, shows up here before clients feel it.
 *
 * <p>Two meters:
 * <ul>
 *   <li>{@value #DELAY}, a timer with count, total and max;</li>
 *   <li>{@value #QUANTILE}, gauges tagged {@code quantile} (0.5, 0.99, 0.999) over the last
 *       {@value #WINDOW_SEC} s of all loops.</li>
 * </ul>
 * A loop records into its own HdrHistogram {@link SingleWriterRecorder}, which is wait-free for its one
 * writer (an increment, never a lock or a yield). Once a second the {@code kefu-loop-probe} thread takes
 * each loop's interval histogram (the side that may wait), keeps the last {@value #WINDOW_SEC} of them and
 * computes the quantiles the gauges read. Micrometer's own percentile histogram was not used: it can yield
 * the recording thread while a scrape rotates it, and this records on the event loops.
 */
public final class EventLoopDelayProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLoopDelayProbe.class);
    public static final String DELAY = "kefu.gateway.eventloop.delay";
    public static final String QUANTILE = "kefu.gateway.eventloop.delay.quantile";
    static final long INTERVAL_MS = 100;
    static final int WINDOW_SEC = 30;
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};
    /** Microseconds, 1 µs to 60 s, 2 significant digits (1 % error). */
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Timer delay;
    private final List<LoopRecorder> recorders = new ArrayList<>();
    private final Histogram[] window = new Histogram[WINDOW_SEC];
    private final Histogram merged = newHistogram();
    private final ScheduledExecutorService folder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kefu-loop-probe");
        t.setDaemon(true);
        return t;
    });
    /** Seconds, replaced whole by the probe thread, read by the gauges (a scrape may run on a loop). */
    private volatile double[] quantileSeconds = new double[QUANTILES.length];
    private int slot;
    private volatile boolean stopped;

    public EventLoopDelayProbe(EventLoopGroup loops, MeterRegistry registry) {
        this.delay = Timer.builder(DELAY).description("How late event-loop tasks start (scheduling delay)")
                .distributionStatisticExpiry(Duration.ofSeconds(WINDOW_SEC)).register(registry);
        for (int i = 0; i < QUANTILES.length; i++) {
            int q = i;
            Gauge.builder(QUANTILE, this, p -> p.quantile(q)).baseUnit("seconds")
                    .tag("quantile", Double.toString(QUANTILES[i]))
                    .description("Event-loop scheduling delay quantile over the last " + WINDOW_SEC + " s, all loops")
                    .register(registry);
        }
        for (int i = 0; i < window.length; i++) {
            window[i] = newHistogram();
        }
        for (EventExecutor loop : loops) {
            LoopRecorder recorder = new LoopRecorder();
            recorders.add(recorder);
            tick(loop, recorder.recorder, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS));
        }
        folder.scheduleAtFixedRate(this::foldOrLog, 1, 1, TimeUnit.SECONDS);
    }

    private void tick(EventExecutor loop, SingleWriterRecorder recorder, long due) {
        if (stopped || loop.isShuttingDown()) {
            return;
        }
        loop.schedule(() -> {
            long now = System.nanoTime();
            long late = Math.max(0, now - due);
            delay.record(late, TimeUnit.NANOSECONDS);
            recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(late))));
            tick(loop, recorder, now + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS));
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** A scheduled task that throws is never run again: keep the gauges alive, say why once a second. */
    private void foldOrLog() {
        try {
            fold();
        } catch (RuntimeException e) {
            log.warn("event-loop delay quantiles not updated: {}", e.toString());
        }
    }

    /** On the probe thread: the last second of every loop replaces the oldest second of the window. */
    private void fold() {
        Histogram second = window[slot];
        second.reset();
        for (LoopRecorder recorder : recorders) {
            second.add(recorder.takeInterval());
        }
        slot = (slot + 1) % window.length;
        merged.reset();
        for (Histogram h : window) {
            merged.add(h);
        }
        double[] seconds = new double[QUANTILES.length];
        for (int i = 0; i < QUANTILES.length; i++) {
            seconds[i] = merged.getTotalCount() == 0 ? 0 : merged.getValueAtPercentile(QUANTILES[i] * 100) / 1e6;
        }
        quantileSeconds = seconds;
    }

    private double quantile(int i) {
        return quantileSeconds[i];
    }

    /** One loop's recorder, and the interval histogram it handed out last, given back to it to refill. */
    private static final class LoopRecorder {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_MICROS, 2);
        private Histogram last;

        /** On the probe thread: what the loop recorded since the last call. */
        Histogram takeInterval() {
            last = recorder.getIntervalHistogram(last);
            return last;
        }
    }

    private static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, 2);
    }

    @Override
    public void close() {
        stopped = true;
        folder.shutdownNow();
    }
}
