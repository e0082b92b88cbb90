package io.kefu.load.report;

import java.util.List;
import java.util.Locale;

/**
 * The highest rate a target kept up with in one run: taking the steps in order, the last of those that held
 * before one did not. A step holds when every message scheduled in it was delivered, the delivery p99 of both
 * directions was at most {@code p99BoundMs}, and the harness kept to its schedule (sender lag p99 within
 * {@code --max-lag}: otherwise the figures are the harness's, not the target's). {@code rate} is {@code null}
 * when the first step did not hold, and {@code reached} is false when every step held (the knee is above the
 * highest step). {@code note} says which step ended the search and why. A run that failed still has a knee when its
 * measured steps held (Kefu refusing sends {@code overloaded} while its JIT compiles, in a lead-in that is not
 * measured, fails the run); the note then says it failed, and the verdict says why.
 */
public record Knee(double p99BoundMs, Double rate, boolean reached, String note) {

    public static Knee of(List<StepReport> steps, boolean passed, double p99BoundMs, double maxLagMs) {
        String failed = passed ? "" : "the run failed (see its problems); ";
        Double held = null;
        for (StepReport s : steps) {
            String missed = missed(s, p99BoundMs, maxLagMs);
            if (missed != null) {
                String note = String.format(Locale.ROOT, "%sstep %d (%s/s) %s", failed, s.step(),
                        Units.rate(s.offeredRate()), missed);
                return new Knee(p99BoundMs, held, true, note);
            }
            held = s.offeredRate();
        }
        return new Knee(p99BoundMs, held, false, failed + (held == null ? "no steps"
                : "every step held: the knee is higher"));
    }

    /** Why step {@code s} did not hold, or {@code null} when it did. */
    private static String missed(StepReport s, double p99BoundMs, double maxLagMs) {
        if (s.senderLag().p99Us() > maxLagMs * 1000) {
            return String.format(Locale.ROOT, "is invalid: the harness fell behind (sender lag p99 %s ms)",
                    Units.ms(s.senderLag().p99Us()));
        }
        if (s.sent() == 0 || s.delivered() < s.sent()) {
            return "delivered " + s.delivered() + " of " + s.sent();
        }
        long p99 = Math.max(s.buyerToAgent().p99Us(), s.agentToBuyer().p99Us());
        if (p99 > p99BoundMs * 1000) {
            return String.format(Locale.ROOT, "had a delivery p99 of %s ms", Units.ms(p99));
        }
        return null;
    }

    /** The rate as the summary shows it: {@code 4000}, {@code over 48000} when every step held, or {@code none}. */
    public String rateText() {
        return rate == null ? "none" : (reached ? "" : "over ") + Units.rate(rate);
    }

    /** {@code rate} over {@code of}'s, or {@code null} when either has none. */
    public Double fractionOf(Knee of) {
        return rate == null || of == null || of.rate == null || of.rate == 0 ? null : rate / of.rate;
    }
}
