package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void delaysDoubleUpToTheMaximum() {
        assertThat(backoff.delayMillis(0, () -> 0.999)).isBetween(99L, 100L);
        assertThat(backoff.delayMillis(1, () -> 0.999)).isBetween(199L, 200L);
        assertThat(backoff.delayMillis(4, () -> 0.999)).isBetween(1599L, 1600L);
        assertThat(backoff.delayMillis(5, () -> 0.999)).isBetween(1999L, 2000L);
        assertThat(backoff.delayMillis(1000, () -> 0.999)).isBetween(1999L, 2000L);
    }

    @Test
    void jitterTakesUpToHalfOff() {
        assertThat(backoff.delayMillis(0, () -> 0.0)).isEqualTo(50);
        assertThat(backoff.delayMillis(3, () -> 0.0)).isEqualTo(400);
        assertThat(backoff.delayMillis(3, () -> 0.5)).isEqualTo(600);
    }

    @Test
    void aMaximumBelowTheInitialDelayIsRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("max delay");
    }
}
