package io.kefu.server.routing.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WheelTimersTest {
    @Test
    void aTaskDueNowRuns() throws InterruptedException {
        try (WheelTimers timers = new WheelTimers(Clock.systemUTC())) {
            CountDownLatch ran = new CountDownLatch(1);
            timers.schedule(0, ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A server stopping: what finishes after the timers closed may still ask for a timer (a webhook's retry). */
    @Test
    void schedulingAfterCloseNeitherThrowsNorRuns() {
        WheelTimers timers = new WheelTimers(Clock.systemUTC());
        timers.close();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatCode(() -> timers.schedule(0, () -> ran.set(true)).cancel()).doesNotThrowAnyException();
        assertThat(ran).isFalse();
    }
}
