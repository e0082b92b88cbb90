package io.kefu.server.stats.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.stats.kpi.KpiSpans.Span;
import io.kefu.server.store.KpiStore.Grain;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which table answers which part of a range: the coarsest whole cells, minutes only at the ragged ends. */
class KpiSpansTest {
    private static final long DAY = 20_000 * 1_440L; // a UTC midnight, in epoch minutes

    @Test
    void aRaggedMonthIsMinutesHoursDaysHoursMinutes() {
        long from = DAY - 8 * 60 - 7; // 15:53Z the day before
        long to = DAY + 30 * 1_440 + 16 * 60 + 5; // 16:05Z thirty days later
        assertThat(KpiSpans.cover(from, to, new long[0])).containsExactly(
                new Span(Grain.MINUTE, from, DAY - 8 * 60),
                new Span(Grain.HOUR, DAY - 8 * 60, DAY),
                new Span(Grain.DAY, DAY, DAY + 30 * 1_440),
                new Span(Grain.HOUR, DAY + 30 * 1_440, DAY + 30 * 1_440 + 16 * 60),
                new Span(Grain.MINUTE, DAY + 30 * 1_440 + 16 * 60, to));
    }

    @Test
    void withinOneHourOnlyMinutes() {
        assertThat(KpiSpans.cover(DAY + 10, DAY + 50, new long[0]))
                .containsExactly(new Span(Grain.MINUTE, DAY + 10, DAY + 50));
        assertThat(KpiSpans.cover(DAY + 50, DAY + 70, new long[0]))
                .containsExactly(new Span(Grain.MINUTE, DAY + 50, DAY + 70));
    }

    @Test
    void localDaysEightHoursFromUtcAreReadAsHoursAndHalfHourZonesAsMinutes() {
        long start = DAY - 8 * 60; // midnight at +08:00
        long[] days = {start + 1_440, start + 2 * 1_440};
        assertThat(KpiSpans.cover(start, start + 3 * 1_440, days))
                .containsExactly(new Span(Grain.HOUR, start, start + 3 * 1_440));
        long india = DAY - 5 * 60 - 30; // midnight at +05:30
        long[] hours = {india + 60, india + 120};
        assertThat(KpiSpans.cover(india, india + 180, hours))
                .containsExactly(new Span(Grain.MINUTE, india, india + 180));
    }

    @Test
    void everyMinuteOfARandomRangeIsInExactlyOneWholeCellThatNoCutSplits() {
        Random rnd = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            long from = DAY + rnd.nextInt(10 * 1_440);
            long to = from + 1 + rnd.nextInt(rnd.nextBoolean() ? 200 : 20 * 1_440);
            long[] cuts = rnd.nextBoolean() ? new long[0]
                    : java.util.stream.LongStream.iterate(from - from % 60 + 60 * (1 + rnd.nextInt(3)), c -> c < to,
                            c -> c + 60L * (1 + rnd.nextInt(30))).toArray();
            List<Span> spans = KpiSpans.cover(from, to, cuts);
            long at = from;
            for (Span s : spans) {
                assertThat(s.from()).isEqualTo(at);
                assertThat(s.to()).isGreaterThan(s.from());
                assertThat(s.from() % s.grain().minutes()).isZero();
                assertThat(s.to() % s.grain().minutes()).isZero();
                for (long cut : cuts) {
                    if (cut > s.from() && cut < s.to()) {
                        assertThat(cut % s.grain().minutes()).as("cut %d inside a cell of %s", cut, s).isZero();
                    }
                }
                at = s.to();
            }
            assertThat(at).isEqualTo(to);
            for (int j = 1; j < spans.size(); j++) {
                assertThat(spans.get(j).grain()).isNotEqualTo(spans.get(j - 1).grain()); // merged
            }
        }
    }
}
