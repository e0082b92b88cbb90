package io.kefu.load;

import static io.kefu.load.SeenSet.Outcome.DUPLICATE;
import static io.kefu.load.SeenSet.Outcome.NEW;
import static io.kefu.load.SeenSet.Outcome.NEW_LATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeenSetTest {
    private final SeenSet seen = new SeenSet();

    @Test
    void inOrderArrivalsAreAllNew() {
        for (long n = 1; n <= 1000; n++) {
            assertThat(seen.add(n)).isEqualTo(NEW);
        }
        assertThat(seen.distinct()).isEqualTo(1000);
        assertThat(seen.firstMissing()).isEqualTo(1001);
    }

    @Test
    void aRepeatIsADuplicate() {
        seen.add(1);
        seen.add(2);

        assertThat(seen.add(2)).isEqualTo(DUPLICATE);
        assertThat(seen.add(1)).isEqualTo(DUPLICATE);
        assertThat(seen.distinct()).isEqualTo(2);
    }

    @Test
    void aMessageArrivingAfterALaterOneIsLate() {
        seen.add(1);
        assertThat(seen.add(3)).as("a gap is not yet out of order").isEqualTo(NEW);

        assertThat(seen.add(2)).isEqualTo(NEW_LATE);
        assertThat(seen.add(4)).isEqualTo(NEW);
        assertThat(seen.firstMissing()).isEqualTo(5);
        assertThat(seen.distinct()).isEqualTo(4);
    }

    @Test
    void duplicatesAboveAGapAreCaught() {
        seen.add(1);
        seen.add(5);

        assertThat(seen.add(5)).isEqualTo(DUPLICATE);
        assertThat(seen.add(3)).isEqualTo(NEW_LATE);
        assertThat(seen.add(3)).isEqualTo(DUPLICATE);
        assertThat(seen.distinct()).isEqualTo(3);
        assertThat(seen.firstMissing()).isEqualTo(2);
        assertThat(seen.max()).isEqualTo(5);
    }

    @Test
    void aGapThatIsNeverFilledLeavesThoseMessagesMissing() {
        for (long n : new long[] {1, 2, 4, 5, 7}) {
            seen.add(n);
        }

        assertThat(seen.distinct()).isEqualTo(5);
        assertThat(seen.max() - seen.distinct()).as("missing").isEqualTo(2);
    }

    @Test
    void fillingTheGapCompactsEverythingAboveIt() {
        seen.add(2);
        seen.add(3);
        seen.add(4);

        assertThat(seen.add(1)).isEqualTo(NEW_LATE);
        assertThat(seen.firstMissing()).isEqualTo(5);
        assertThat(seen.add(5)).isEqualTo(NEW);
        assertThat(seen.distinct()).isEqualTo(5);
    }

    @Test
    void aGapOlderThanTheWindowIsGivenUpOnSoMemoryStaysBounded() {
        seen.add(1);
        seen.add(3); // 2 is missing
        for (long n = 4; n <= 3 * SeenSet.WINDOW; n++) {
            assertThat(seen.add(n)).isEqualTo(NEW);
        }

        assertThat(seen.firstMissing()).as("the gap at 2 was given up on").isGreaterThan(3);
        assertThat(seen.distinct()).isEqualTo(3L * SeenSet.WINDOW - 1);
        assertThat(seen.add(3L * SeenSet.WINDOW)).isEqualTo(DUPLICATE);
        assertThat(seen.add(2)).as("too late to tell from a duplicate").isEqualTo(DUPLICATE);
    }

    @Test
    void numbersStartAtOne() {
        assertThatThrownBy(() -> seen.add(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
