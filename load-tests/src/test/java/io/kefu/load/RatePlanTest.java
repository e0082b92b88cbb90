package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatePlanTest {
    // two steps of 2 s warm-up + 10 s measured, starting at t = 1 s; 100 senders
    private final RatePlan plan = new RatePlan(1_000_000, List.of(1000.0, 4000.0), 2_000_000, 10_000_000, 100);

    @Test
    void phasesFollowTheScheduledTime() {
        assertThat(plan.phases()).isEqualTo(6);
        assertThat(plan.phaseAt(0)).as("set-up").isEqualTo(0);
        assertThat(plan.phaseAt(1_000_000)).as("step 1 warm-up").isEqualTo(1);
        assertThat(plan.phaseAt(2_999_999)).isEqualTo(1);
        assertThat(plan.phaseAt(3_000_000)).as("step 1 measured").isEqualTo(2);
        assertThat(plan.phaseAt(13_000_000)).as("step 2 warm-up").isEqualTo(3);
        assertThat(plan.phaseAt(15_000_000)).as("step 2 measured").isEqualTo(4);
        assertThat(plan.phaseAt(25_000_000)).as("drain").isEqualTo(5);
        assertThat(plan.end()).isEqualTo(25_000_000);
    }

    @Test
    void aLeadInLengthensTheFirstWarmUpOnly() {
        // as above, with 30 s more warm-up before the first measured window
        RatePlan led = new RatePlan(1_000_000, List.of(1000.0, 4000.0), 2_000_000, 10_000_000, 100, 30_000_000);

        assertThat(led.stepStart(0)).isEqualTo(1_000_000);
        assertThat(led.phaseAt(1_000_000)).as("step 1 warm-up").isEqualTo(1);
        assertThat(led.phaseAt(32_999_999)).isEqualTo(1);
        assertThat(led.measureStart(0)).isEqualTo(33_000_000);
        assertThat(led.phaseAt(33_000_000)).as("step 1 measured").isEqualTo(2);
        assertThat(led.stepStart(1)).isEqualTo(43_000_000);
        assertThat(led.phaseAt(43_000_000)).as("step 2 warm-up").isEqualTo(3);
        assertThat(led.phaseAt(45_000_000)).as("step 2 measured").isEqualTo(4);
        assertThat(led.phaseAt(55_000_000)).as("drain").isEqualTo(5);
        assertThat(led.end()).isEqualTo(55_000_000);
        assertThat(led.senderRate(20_000_000)).as("the lead-in runs at the first rate").isEqualTo(10.0);
        assertThat(led.senderRate(50_000_000)).isEqualTo(40.0);
    }

    @Test
    void measuredPhasesMapToSteps() {
        assertThat(RatePlan.measured(2)).isTrue();
        assertThat(RatePlan.measured(1)).isFalse();
        assertThat(RatePlan.measured(0)).isFalse();
        assertThat(RatePlan.stepOf(4)).isEqualTo(1);
        assertThat(RatePlan.measuredPhase(1)).isEqualTo(4);
    }

    @Test
    void eachSenderOffersItsShareOfTheStepRate() {
        assertThat(plan.senderRate(500_000)).isZero();
        assertThat(plan.senderRate(5_000_000)).isEqualTo(10.0);
        assertThat(plan.senderRate(20_000_000)).isEqualTo(40.0);
        assertThat(plan.senderRate(25_000_000)).isZero();
    }

    @Test
    void nextActiveStartSkipsStepsWithoutLoad() {
        RatePlan gappy = new RatePlan(0, List.of(10.0, 0.0, 20.0), 0, 1_000_000, 1);

        assertThat(gappy.nextActiveStart(500_000)).isEqualTo(2_000_000);
        assertThat(gappy.nextActiveStart(2_000_000)).isEqualTo(RatePlan.NEVER);
    }
}
