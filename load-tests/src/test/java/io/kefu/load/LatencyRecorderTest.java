package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private final LatencyRecorder recorder = new LatencyRecorder("test", 4);

    @Test
    void samplesAreKeptPerPhase() {
        recorder.record(1, 5_000);
        recorder.record(2, 100);
        recorder.record(2, 300);

        assertThat(recorder.copy(1).getTotalCount()).isEqualTo(1);
        Histogram measured = recorder.copy(2);
        assertThat(measured.getTotalCount()).isEqualTo(2);
        assertThat(measured.getMaxValue()).isEqualTo(300);
        assertThat(recorder.copy(3).getTotalCount()).isZero();
    }

    @Test
    void rangeIsOneMicrosecondToSixtySecondsAtThreeDigits() {
        recorder.record(0, 1);
        recorder.record(0, 59_999_000);
        Histogram h = recorder.copy(0);

        assertThat(h.getMinValue()).isEqualTo(1);
        assertThat(h.getMaxValue()).isBetween(59_940_000L, 60_060_000L);
        assertThat(h.getLowestDiscernibleValue()).isEqualTo(1);
        assertThat(h.getNumberOfSignificantValueDigits()).isEqualTo(3);
    }

    @Test
    void valuesAboveSixtySecondsAreClampedAndCounted() {
        recorder.record(0, 120_000_000);
        recorder.record(0, -5);

        Histogram h = recorder.copy(0);
        assertThat(h.getTotalCount()).isEqualTo(2);
        assertThat(h.getMaxValue()).isBetween(59_940_000L, 60_060_000L);
        assertThat(h.getMinValue()).isZero();
        assertThat(recorder.clamped()).isEqualTo(1);
    }

    @Test
    void phasesOutOfRangeGoToTheNearestPhase() {
        recorder.record(9, 10);
        recorder.record(-1, 10);

        assertThat(recorder.copy(3).getTotalCount()).isEqualTo(1);
        assertThat(recorder.copy(0).getTotalCount()).isEqualTo(1);
    }

    @Test
    void recordingFromManyThreadsLosesNothing() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    recorder.record(2, i % 1000 + 1);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(recorder.copy(2).getTotalCount()).isEqualTo(40_000);
    }
}
