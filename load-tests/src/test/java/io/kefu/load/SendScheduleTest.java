package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SendScheduleTest {

    private static List<Long> all(SendSchedule s) {
        List<Long> out = new ArrayList<>();
        for (long t = s.next(); t != RatePlan.NEVER; t = s.next()) {
            out.add(t);
        }
        return out;
    }

    @Test
    void fixedGapsAreOneOverTheRateAfterARandomFirstOffset() {
        // one sender at 100/s for 1 s
        RatePlan plan = new RatePlan(0, List.of(100.0), 0, 1_000_000, 1);

        List<Long> times = all(new SendSchedule(plan, SendSchedule.Kind.FIXED, new SplittableRandom(7)));

        assertThat(times).hasSize(100);
        assertThat(times.get(0)).isBetween(0L, 10_000L);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isBetween(9_999L, 10_001L);
        }
    }

    @Test
    void poissonGapsAverageOneOverTheRate() {
        RatePlan plan = new RatePlan(0, List.of(1000.0), 0, 100_000_000, 1);

        List<Long> times = all(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(42)));

        assertThat(times.size()).isBetween(99_000, 101_000);
        double meanGap = (times.get(times.size() - 1) - times.get(0)) / (double) (times.size() - 1);
        assertThat(meanGap).isCloseTo(1000.0, within(15.0));
        long shortGaps = 0;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) - times.get(i - 1) < 1000 * Math.log(2)) {
                shortGaps++;
            }
        }
        assertThat(shortGaps / (double) (times.size() - 1)).as("half the gaps are below the median of an exponential")
                .isCloseTo(0.5, within(0.01));
    }

    @Test
    void timesNeverDecreaseAndStayInsideThePlan() {
        RatePlan plan = new RatePlan(5_000_000, List.of(50.0, 200.0), 1_000_000, 2_000_000, 1);

        List<Long> times = all(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(1)));

        assertThat(times).isSorted().allMatch(t -> t >= 5_000_000 && t < plan.end());
    }

    @Test
    void eachStepGetsItsOwnRate() {
        RatePlan plan = new RatePlan(0, List.of(100.0, 400.0), 0, 10_000_000, 1);

        List<Long> times = all(new SendSchedule(plan, SendSchedule.Kind.FIXED, new SplittableRandom(3)));

        long first = times.stream().filter(t -> t < 10_000_000).count();
        long second = times.size() - first;
        assertThat(first).isBetween(999L, 1001L);
        assertThat(second).isBetween(3999L, 4001L);
    }

    @Test
    void stepsWithoutLoadSendNothing() {
        RatePlan plan = new RatePlan(0, List.of(100.0, 0.0, 100.0), 0, 1_000_000, 1);

        List<Long> times = all(new SendSchedule(plan, SendSchedule.Kind.FIXED, new SplittableRandom(3)));

        assertThat(times).noneMatch(t -> t >= 1_000_000 && t < 2_000_000);
        assertThat(times).anyMatch(t -> t >= 2_000_000);
    }

    @Test
    void aRateOfZeroEverywhereSendsNothing() {
        RatePlan plan = new RatePlan(0, List.of(0.0), 0, 1_000_000, 1);

        assertThat(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(3)).next())
                .isEqualTo(RatePlan.NEVER);
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        RatePlan plan = new RatePlan(0, List.of(100.0), 0, 1_000_000, 1);

        assertThat(all(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(9))))
                .isEqualTo(all(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(9))));
    }

    @Test
    void aSlowStepDoesNotDelayTheNextOne() {
        // One send every 10 s on average, then 10 a second: the fast step must not wait out a slow gap.
        RatePlan plan = new RatePlan(0, List.of(0.1, 10.0), 0, 20_000_000, 1);

        long inFastStep = 0;
        for (int seed = 0; seed < 200; seed++) {
            for (long t : all(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(seed)))) {
                if (t >= plan.stepStart(1) && t < plan.stepStart(1) + 2_000_000) {
                    inFastStep++;
                }
            }
        }
        // The first two seconds of the fast step carry its rate (10/s x 2 s x 200 senders = 4000), not a
        // trickle of senders still finishing gaps drawn at 0.1/s.
        assertThat(inFastStep).isBetween(3400L, 4600L);
    }

    @Test
    void aLongGapDrawnAtASlowRateDoesNotSkipTheNextStep() {
        // Mean gap 20 s in a 20 s step: many gaps would reach past the whole next step.
        RatePlan plan = new RatePlan(0, List.of(0.05, 0.1, 0.15), 0, 20_000_000, 1);

        long[] perStep = new long[3];
        for (int seed = 0; seed < 2000; seed++) {
            for (long t : all(new SendSchedule(plan, SendSchedule.Kind.POISSON, new SplittableRandom(seed)))) {
                perStep[(int) (t / 20_000_000)]++;
            }
        }
        // 2000 senders x 20 s x rate: 2000, 4000, 6000 expected.
        assertThat(perStep[0]).isBetween(1800L, 2200L);
        assertThat(perStep[1]).isBetween(3700L, 4300L);
        assertThat(perStep[2]).isBetween(5600L, 6400L);
    }
}
