package io.kefu.load;

import java.util.List;

/**
 * The time line of the chat part of a run, in {@link MicroClock} microseconds. Each offered rate is a
 * step: a warm-up whose samples are discarded, then a measured window. Phases number the parts:
 * phase 0 is set-up (everything before {@code chatStart}); step {@code i} (from 0) is warm-up phase
 * {@code 1 + 2i} and measured phase {@code 2 + 2i}; the phase after the last step is the drain.
 *
 * <p>A sample belongs to the phase of its <em>scheduled</em> time, so a message scheduled in the last
 * second of a step and delivered during the drain still counts for that step. Immutable.
 *
 * @param rates       messages per second over all conversations and both directions, one per step
 * @param senders     how many schedules share each rate: two per conversation (buyer and agent side)
 * @param leadInMicros how much longer the first step's warm-up is than the others': the server's JIT and its first
 *                    promotions of the set-up's objects settle before anything is measured
 */
public record RatePlan(long chatStart, List<Double> rates, long warmupMicros, long measureMicros, int senders,
                       long leadInMicros) {
    /** No more sends: the time of a send that will never happen. */
    public static final long NEVER = Long.MAX_VALUE;

    public RatePlan {
        rates = List.copyOf(rates);
        if (rates.isEmpty() || measureMicros <= 0 || warmupMicros < 0 || leadInMicros < 0) {
            throw new IllegalArgumentException("a plan needs at least one step with a measured window");
        }
    }

    /** A plan whose first step warms up as long as the others. */
    public RatePlan(long chatStart, List<Double> rates, long warmupMicros, long measureMicros, int senders) {
        this(chatStart, rates, warmupMicros, measureMicros, senders, 0);
    }

    public int steps() {
        return rates.size();
    }

    /** Set-up, warm-up and measured phase of every step, and the drain. */
    public int phases() {
        return 2 + 2 * steps();
    }

    public long stepMicros() {
        return warmupMicros + measureMicros;
    }

    /** The first step starts at {@link #chatStart}, and lasts the lead-in longer than the others. */
    public long stepStart(int step) {
        return step == 0 ? chatStart : chatStart + leadInMicros + step * stepMicros();
    }

    public long measureStart(int step) {
        return chatStart + leadInMicros + step * stepMicros() + warmupMicros;
    }

    /** When the last step ends and the drain begins. */
    public long end() {
        return stepStart(steps());
    }

    /** The step of a time from {@link #chatStart} to {@link #end()}. */
    private int stepAt(long t) {
        return (int) Math.max(0, Math.floorDiv(t - chatStart - leadInMicros, stepMicros()));
    }

    public int phaseAt(long t) {
        if (t < chatStart) {
            return 0;
        }
        if (t >= end()) {
            return phases() - 1;
        }
        int step = stepAt(t);
        return t < measureStart(step) ? 1 + 2 * step : 2 + 2 * step;
    }

    public static boolean measured(int phase) {
        return phase > 0 && phase % 2 == 0;
    }

    /** The step a warm-up or measured phase belongs to. */
    public static int stepOf(int phase) {
        return (phase - 1) / 2;
    }

    public static int measuredPhase(int step) {
        return 2 + 2 * step;
    }

    /** Messages per second one sender offers at {@code t}; 0 outside the steps. */
    public double senderRate(long t) {
        if (t < chatStart || t >= end() || senders == 0) {
            return 0;
        }
        return rates.get(stepAt(t)) / senders;
    }

    /** The start of the first step after {@code t} whose rate is not zero, or {@link #NEVER}. */
    public long nextActiveStart(long t) {
        for (int step = 0; step < steps(); step++) {
            long start = stepStart(step);
            if (start > t && rates.get(step) > 0) {
                return start;
            }
        }
        return NEVER;
    }
}
