package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenLoopRampTest {

    @Test
    void eachActionIsToldWhenItWasDueWhateverTheDelay() {
        AtomicLong now = new AtomicLong(1_000);
        // the clock jumps 25 ms per reading: the ramp is always late, and must not drift
        MicroClock clock = () -> now.getAndAdd(25_000);
        List<Long> due = new ArrayList<>();

        int started = new OpenLoopRamp(clock, 1000).run(50, (k, at) -> due.add(at), () -> false);

        assertThat(started).isEqualTo(50);
        for (int k = 0; k < 50; k++) {
            assertThat(due.get(k)).isEqualTo(1_000 + k * 1_000L);
        }
    }

    @Test
    void aRampCanStartInTheFuture() {
        AtomicLong now = new AtomicLong();
        List<Long> due = new ArrayList<>();

        new OpenLoopRamp(() -> now.getAndAdd(1_000), 100).run(50_000, 3, (k, at) -> {
            assertThat(now.get()).isGreaterThan(at);
            due.add(at);
        }, () -> false);

        assertThat(due).containsExactly(50_000L, 60_000L, 70_000L);
    }

    @Test
    void stopEndsTheRampEarly() {
        AtomicLong now = new AtomicLong();
        List<Integer> started = new ArrayList<>();

        int n = new OpenLoopRamp(() -> now.getAndAdd(500), 1000).run(100, (k, at) -> started.add(k),
                () -> started.size() >= 10);

        assertThat(n).isBetween(10, 11);
    }
}
