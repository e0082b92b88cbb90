package io.kefu.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.load.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness's agents' messages must pass Kefu's built-in contact filter whatever their numbers, or a run counts
 * refusals that say nothing about the server: {@code n} 15 sent 812 s into a run once read as a phone number.
 */
class StampComplianceTest {
    private final ComplianceBenchmark filter = new ComplianceBenchmark();

    @BeforeEach
    void setUp() {
        filter.phraseRules = 0;
        filter.setUp();
    }

    @AfterEach
    void tearDown() {
        filter.tearDown();
    }

    @Test
    void aStampWhoseNumbersTogetherLookLikeAMobileNumberPasses() {
        assertThat(filter.check("L|9|b|15|812345678|" + ".".repeat(180)).blocked())
                .as("the old stamp, without the t: the filter does read it as 158 1234 5678").isTrue();

        assertThat(filter.check(new Stamp(9, Stamp.FROM_BUYER, 15, 812_345_678L).text(200)).passed()).isTrue();
        assertThat(filter.check(new Stamp(13, Stamp.FROM_AGENT, 1, 3_912_345_678L).text(200)).passed()).isTrue();
        assertThat(filter.check(new Stamp(9, Stamp.FROM_BUYER, 13_812_345_678L, 1).text(200)).passed())
                .as("n alone is never that large; this only shows where the limit is").isFalse();
    }
}
