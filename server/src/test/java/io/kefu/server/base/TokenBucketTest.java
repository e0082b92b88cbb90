package io.kefu.server.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenTheRateRefills() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(0)).isTrue();
        }
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(SECOND / 10)).isTrue();
        assertThat(bucket.tryTake(SECOND / 10)).isFalse();
        assertThat(bucket.isCalm()).isFalse();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 3, 0);
        int taken = 0;
        while (bucket.tryTake(60 * SECOND)) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }
}
