package io.kefu.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.load.metrics.ServerFigures;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class KneeTest {

    private static LatencySummary p99(long micros) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        h.recordValueWithCount(micros, 100);
        return LatencySummary.of(h);
    }

    /** A step at {@code rate} whose deliveries took {@code ms} one way and 1 ms the other. */
    private static StepReport step(int n, double rate, long ms, long lagMs, long lost) {
        long sent = (long) rate * 10;
        return new StepReport(n, rate, 10, sent, sent - lost, rate, rate, p99(1_000), p99(ms * 1_000), p99(1_000),
                p99(lagMs * 1_000), p99(1), p99(1), StepCpu.NONE);
    }

    private static StepReport step(int n, double rate, long ms) {
        return step(n, rate, ms, 1, 0);
    }

    @Test
    void the_knee_is_the_last_step_before_the_first_that_missed() {
        Knee k = Knee.of(List.of(step(1, 1000, 5), step(2, 2000, 12), step(3, 4000, 30), step(4, 6000, 8)), true, 20,
                25);

        assertThat(k.rate()).isEqualTo(2000.0);
        assertThat(k.reached()).isTrue();
        assertThat(k.note()).startsWith("step 3 (4000/s) had a delivery p99 of 30");
    }

    @Test
    void every_step_holding_means_the_knee_is_higher() {
        Knee k = Knee.of(List.of(step(1, 1000, 5), step(2, 2000, 19)), true, 20, 25);

        assertThat(k.rate()).isEqualTo(2000.0);
        assertThat(k.reached()).isFalse();
    }

    @Test
    void a_step_where_the_harness_fell_behind_says_nothing_about_the_target() {
        Knee k = Knee.of(List.of(step(1, 16000, 3), step(2, 32000, 4, 40, 0)), true, 20, 25);

        assertThat(k.rate()).isEqualTo(16000.0);
        assertThat(k.note()).contains("the harness fell behind");
    }

    @Test
    void a_step_that_did_not_deliver_everything_does_not_hold() {
        Knee k = Knee.of(List.of(step(1, 1000, 5, 1, 3)), true, 20, 25);

        assertThat(k.rate()).isNull();
        assertThat(k.note()).contains("delivered 9997 of 10000");
    }

    @Test
    void a_run_that_failed_outside_its_measured_steps_keeps_their_knee_and_says_it_failed() {
        Knee k = Knee.of(List.of(step(1, 1000, 5), step(2, 2000, 30)), false, 20, 25);

        assertThat(k.rate()).isEqualTo(1000.0);
        assertThat(k.note()).startsWith("the run failed (see its problems); step 2 (2000/s)");
    }

    private static RunReport run(String target, Knee knee) {
        LatencySummary l = p99(100);
        ServerReport server = new ServerReport(null, ServerFigures.NONE, ServerFigures.NONE, ServerFigures.NONE, null,
                null, null, null, null, List.of());
        return new RunReport(target, "ws://x", RunReport.PASS, true, true, List.of(), 1, new ConnectionReport(1, 1, 0,
                0, 0, 0, 1, 1, l, l, 1, null), List.of(), MessageCounts.NONE, new SlowReport(0, 0, 0,
                MessageCounts.NONE), Map.of(), server, knee);
    }

    @Test
    void kefus_knee_is_given_as_a_fraction_of_the_relays_in_the_same_run() {
        Knee kefu = Knee.of(List.of(step(1, 2000, 5), step(2, 4000, 15), step(3, 6000, 40)), true, 20, 25);
        Knee relay = Knee.of(List.of(step(1, 16000, 5), step(2, 32000, 15), step(3, 48000, 40)), true, 20, 25);

        assertThat(LoadReport.kneeFraction(List.of(run("kefu", kefu), run("relay", relay)))).isEqualTo(0.125);
        assertThat(LoadReport.kneeFraction(List.of(run("kefu", kefu)))).isNull();
        Knee none = Knee.of(List.of(step(1, 2000, 50)), true, 20, 25);
        assertThat(LoadReport.kneeFraction(List.of(run("kefu", none), run("relay", relay)))).isNull();
    }
}
