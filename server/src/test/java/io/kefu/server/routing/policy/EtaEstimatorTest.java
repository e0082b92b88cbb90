package io.kefu.server.routing.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtaEstimatorTest {
    private final EtaEstimator eta = new EtaEstimator();

    @Test
    void startsFromTheGuessSpreadOverTheCapacity() {
        // 120 s a chat, position 3, 4 free slots: 3 * 120 / 4
        assertThat(eta.etaSec(3, 4)).isEqualTo(90);
    }

    @Test
    void noCapacityCountsAsOneSlot() {
        assertThat(eta.etaSec(1, 0)).isEqualTo(120);
    }

    @Test
    void measuredChatsPullTheEstimateTowardsThem() {
        for (int i = 0; i < 200; i++) {
            eta.handled(30_000);
        }

        assertThat(eta.handleSec()).isCloseTo(30, org.assertj.core.data.Offset.offset(0.5));
        assertThat(eta.etaSec(2, 1)).isBetween(60L, 61L);
    }

    @Test
    void aChatShorterThanASecondCountsAsOne() {
        for (int i = 0; i < 500; i++) {
            eta.handled(10);
        }

        assertThat(eta.handleSec()).isCloseTo(1, org.assertj.core.data.Offset.offset(0.01));
    }
}
