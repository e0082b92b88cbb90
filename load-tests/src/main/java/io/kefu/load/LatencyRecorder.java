package io.kefu.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind (say buyer→agent delivery) in microseconds, one HdrHistogram per
 * {@link RatePlan} phase, from 1 µs to 60 s at 3 significant digits. The caller names the phase of the
 * sample's <em>scheduled</em> time, which is how warm-up is discarded and how a late delivery still
 * counts against the step that offered its load.
 *
 * <p>{@link #record} may be called from any thread (event loops) and never blocks: each phase's
 * histogram is an {@link AtomicHistogram}, created on first use. Values above 60 s are recorded as
 * 60 s and counted by {@link #clamped()}. {@link #copy} is for the reporter and the final report.
 */
public final class LatencyRecorder {
    public static final long LOWEST_MICROS = 1;
    public static final long HIGHEST_MICROS = 60_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final AtomicReferenceArray<Histogram> phases;
    private final AtomicLong clamped = new AtomicLong();

    public LatencyRecorder(String name, int phaseCount) {
        this.name = name;
        this.phases = new AtomicReferenceArray<>(phaseCount);
    }

    public String name() {
        return name;
    }

    /** Records one latency; {@code phase} is clamped into range, negative latencies count as 0. */
    public void record(int phase, long micros) {
        long value = Math.max(0, micros);
        if (value > HIGHEST_MICROS) {
            value = HIGHEST_MICROS;
            clamped.incrementAndGet();
        }
        histogram(Math.max(0, Math.min(phase, phases.length() - 1))).recordValue(value);
    }

    /** A snapshot of one phase's samples (empty if none yet). */
    public Histogram copy(int phase) {
        Histogram h = phases.get(phase);
        return h == null ? empty() : h.copy();
    }

    /** How many samples were above 60 s and recorded as 60 s. */
    public long clamped() {
        return clamped.get();
    }

    public static Histogram empty() {
        return new Histogram(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private Histogram histogram(int phase) {
        Histogram h = phases.get(phase);
        if (h == null) {
            phases.compareAndSet(phase, null, new AtomicHistogram(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS));
            h = phases.get(phase);
        }
        return h;
    }
}
