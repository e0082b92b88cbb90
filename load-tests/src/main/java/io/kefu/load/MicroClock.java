package io.kefu.load;

/**
 * The harness's one time base: microseconds on a monotonic clock. Send schedules, the times carried in
 * messages and receipt times all use it, so a latency is a difference of two readings of the same clock
 * in the same JVM. Implementations are thread-safe.
 */
@FunctionalInterface
public interface MicroClock {

    long nowMicros();

    /** {@link System#nanoTime()} in microseconds, counted from when this clock was made. */
    static MicroClock system() {
        long origin = System.nanoTime();
        return () -> (System.nanoTime() - origin) / 1_000;
    }
}
