package io.kefu.load;

import io.kefu.load.metrics.MetricsGroup;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a progress line once a second and asks the server for its metrics. Also the scheduler for
 * timed events of the run (slow consumers stopping). Owns one daemon thread, {@code load-progress}, on
 * which the line is built and the events run.
 */
final class ProgressReporter implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-progress");
        t.setDaemon(true);
        return t;
    });
    private final MetricsGroup poller;
    private final PrintStream out;
    private volatile Supplier<String> line = () -> "";

    ProgressReporter(MetricsGroup poller, PrintStream out) {
        this.poller = poller;
        this.out = out;
    }

    void start() {
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** What to print from now on. */
    void show(Supplier<String> progress) {
        this.line = progress;
    }

    /** Runs {@code task} on the reporter thread after {@code delayMicros}. */
    void at(long delayMicros, Runnable task) {
        timer.schedule(task, Math.max(0, delayMicros), TimeUnit.MICROSECONDS);
    }

    private void tick() {
        try {
            out.println(line.get());
            poller.pollAsync();
        } catch (RuntimeException e) {
            out.println("progress failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
