package io.kefu.load;

import java.util.SplittableRandom;

/**
 * The open-loop send times of one sender (one side of one conversation): gaps of {@code 1/rate}
 * ({@link Kind#FIXED}) or exponentially distributed with that mean ({@link Kind#POISSON}), at the rate
 * the {@link RatePlan} gives for the current step. A schedule never looks at deliveries: the next send
 * time depends only on the previous one. Each sender starts at a random offset within its first gap so
 * that fixed schedules of many conversations do not fire in lock step.
 *
 * <p>Not thread-safe: each sender owns its schedule and runs on its connection's event loop.
 */
final class SendSchedule {

    enum Kind { FIXED, POISSON }

    private final RatePlan plan;
    private final Kind kind;
    private final SplittableRandom random;
    /** The last time handed out, kept as a double so fixed gaps do not accumulate rounding. */
    private double t;
    private boolean entering = true;

    SendSchedule(RatePlan plan, Kind kind, SplittableRandom random) {
        this.plan = plan;
        this.kind = kind;
        this.random = random;
        this.t = plan.chatStart() - 1;
    }

    /** The next scheduled send time, or {@link RatePlan#NEVER} once the plan has ended. */
    long next() {
        if (t >= RatePlan.NEVER) {
            return RatePlan.NEVER;
        }
        if (!entering) {
            double candidate = t + gap(plan.senderRate((long) t));
            int step = RatePlan.stepOf(plan.phaseAt((long) t));
            int candidateStep = RatePlan.stepOf(plan.phaseAt((long) candidate));
            if (candidateStep != step && step + 1 < plan.steps()) {
                // A gap drawn at the old rate must not carry into the next step (nor jump over it): start
                // the next step afresh at its beginning (for Poisson, memorylessness makes this exact).
                return enterNextStep(plan.stepStart(step + 1) - 1);
            }
            if (plan.senderRate((long) candidate) > 0) {
                t = candidate;
                return (long) t;
            }
            t = candidate; // past the end, or in a step that offers no load
        }
        return enterNextStep((long) t);
    }

    /** The first send of the next step with load after {@code from}, at a random offset into its first gap. */
    private long enterNextStep(long from) {
        while (true) {
            long start = plan.senderRate(from + 1) > 0 ? from + 1 : plan.nextActiveStart(from);
            if (start == RatePlan.NEVER) {
                t = RatePlan.NEVER;
                return RatePlan.NEVER;
            }
            // Fixed: a uniform phase within the first gap; Poisson: an exponential first gap, so the
            // step starts at its steady rate instead of bunching every sender into the first mean gap.
            double rate = plan.senderRate(start);
            double offset = kind == Kind.POISSON ? gap(rate) : random.nextDouble() * 1e6 / rate;
            double candidate = start + offset;
            int step = RatePlan.stepOf(plan.phaseAt(start));
            int candidateStep = RatePlan.stepOf(plan.phaseAt((long) candidate));
            if (candidateStep != step && step + 1 < plan.steps()) {
                from = plan.stepStart(step + 1) - 1; // drawn at this step's rate: not valid in the next
                continue;
            }
            if (plan.senderRate((long) candidate) > 0) {
                t = candidate;
                entering = false;
                return (long) t;
            }
            from = (long) candidate;
        }
    }

    private double gap(double rate) {
        double mean = 1e6 / rate;
        return kind == Kind.FIXED ? mean : -Math.log(1 - random.nextDouble()) * mean;
    }
}
