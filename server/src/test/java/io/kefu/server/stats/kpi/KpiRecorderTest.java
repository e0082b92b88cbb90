package io.kefu.server.stats.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.server.auth.MutableClock;
import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import io.kefu.server.store.KpiStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer thread: a report sees what happened before it, marks pass with the clock, failures are counted. */
@Timeout(30)
class KpiRecorderTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Keeps what it is given; refuses while {@code failures} is above 0. */
    static class ListStore implements KpiStore {
        final List<KpiRow> rows = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void add(Collection<KpiRow> batch) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            rows.addAll(batch);
        }

        @Override
        public List<KpiRow> sums(String shopId, Grain grain, long fromMinute, long toMinute, GroupBy by,
                                 String agentId) {
            throw new UnsupportedOperationException();
        }

        long total(KpiColumn c) {
            return rows.stream().filter(r -> !r.isTotal()).mapToLong(r -> r.get(c)).sum();
        }
    }

    private static KpiEvent.Conv conv(String agent) {
        return new KpiEvent.Conv("s1", "c1", "g1", agent, KpiTallyTest.SHANGHAI);
    }

    @Test
    void aFlushStoresEverythingQueuedBeforeItAndTheMarkPassesWithTheClock() throws Exception {
        ListStore store = new ListStore();
        try (KpiRecorder recorder = new KpiRecorder(store, clock, new KpiRecorder.Settings(100, 3_600_000, 1000),
                registry)) {
            long t = clock.millis();
            recorder.kpi(new KpiEvent.Opened(conv(null), t, false));
            recorder.kpi(new KpiEvent.Assigned(conv("a1"), t, 0));
            recorder.kpi(new KpiEvent.MessageStored(conv("a1"), t, "buyer", "b1", false));
            recorder.flushed().get(10, TimeUnit.SECONDS);
            assertThat(store.total(KpiColumn.OPENED)).isEqualTo(1);
            assertThat(store.total(KpiColumn.BUYER_MSGS)).isEqualTo(1);
            assertThat(store.total(KpiColumn.NEED_MSGS)).isZero(); // still waiting, under 3 minutes
            assertThat(recorder.waiting()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(181));
            await().untilAsserted(() -> assertThat(registry.counter(KpiRecorder.BREACHES).count()).isEqualTo(1));
            recorder.flushed().get(10, TimeUnit.SECONDS);
            assertThat(store.total(KpiColumn.NEED_MSGS)).isEqualTo(1);
            assertThat(store.total(KpiColumn.WITHIN_3M)).isZero();
        }
    }

    @Test
    void rowsTheDatabaseRefusesTwiceAreDroppedAndCounted() throws Exception {
        ListStore store = new ListStore();
        store.failures.set(2);
        try (KpiRecorder recorder = new KpiRecorder(store, clock, new KpiRecorder.Settings(10, 3_600_000, 1000),
                registry)) {
            recorder.kpi(new KpiEvent.Opened(conv(null), clock.millis(), false));
            recorder.flushed().get(10, TimeUnit.SECONDS);
            assertThat(store.rows).isEmpty();
            // the detailed row and the shop's total row of that minute
            assertThat(registry.counter(KpiRecorder.DROPPED, "what", "rows").count()).isEqualTo(2);
        }
    }

    @Test
    void aLargeFlushIsWrittenInPiecesAndARefusedPieceLosesOnlyItself() throws Exception {
        List<Integer> pieces = new CopyOnWriteArrayList<>();
        ListStore store = new ListStore() {
            @Override
            public void add(Collection<KpiRow> batch) {
                pieces.add(batch.size());
                super.add(batch);
            }
        };
        store.failures.set(2); // the first piece, and its second try
        int agents = 200; // a row per agent and minute, and the shop's total row
        try (KpiRecorder recorder = new KpiRecorder(store, clock, new KpiRecorder.Settings(1_000, 3_600_000, 10_000),
                registry)) {
            for (int i = 0; i < agents; i++) {
                recorder.kpi(new KpiEvent.Blocked(conv("a" + i), clock.millis(), "a" + i));
            }
            recorder.flushed().get(10, TimeUnit.SECONDS);
        }
        int rows = agents + 1;
        assertThat(pieces).allMatch(n -> n <= KpiRecorder.ROWS_PER_WRITE);
        assertThat(pieces.stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(rows + KpiRecorder.ROWS_PER_WRITE); // the first piece was offered twice
        assertThat(registry.counter(KpiRecorder.DROPPED, "what", "rows").count()).isEqualTo(KpiRecorder.ROWS_PER_WRITE);
        assertThat(store.rows).hasSize(rows - KpiRecorder.ROWS_PER_WRITE);
    }

    @Test
    void aFullQueueDropsEventsAndCountsThem() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ListStore slow = new ListStore() {
            @Override
            public void add(Collection<KpiRow> batch) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.add(batch);
            }
        };
        try (KpiRecorder recorder = new KpiRecorder(slow, clock, new KpiRecorder.Settings(3, 3_600_000, 1000),
                registry)) {
            recorder.kpi(new KpiEvent.Opened(conv(null), clock.millis(), false));
            var first = recorder.flushed();
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue(); // the writer is stuck in the database
            for (int i = 0; i < 10; i++) {
                recorder.kpi(new KpiEvent.Blocked(conv("a1"), clock.millis(), "a1"));
            }
            assertThat(registry.counter(KpiRecorder.DROPPED, "what", "events").count()).isEqualTo(7);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            recorder.flushed().get(10, TimeUnit.SECONDS);
            assertThat(slow.total(KpiColumn.BLOCKED)).isEqualTo(3);
        }
    }

    @Test
    void closeWritesWhatIsQueued() {
        ListStore store = new ListStore();
        KpiRecorder recorder = new KpiRecorder(store, clock, new KpiRecorder.Settings(100, 3_600_000, 1000), registry);
        recorder.kpi(new KpiEvent.Opened(conv(null), clock.millis(), false));
        recorder.close();
        assertThat(store.total(KpiColumn.OPENED)).isEqualTo(1);
        recorder.kpi(new KpiEvent.Opened(conv(null), clock.millis(), false));
        assertThat(registry.counter(KpiRecorder.DROPPED, "what", "events").count()).isEqualTo(1);
    }
}
