package io.kefu.server.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kefu.server.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchLoopTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(5);

    private final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ManualTicker ticker = new ManualTicker(1_000_000_000L);
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            stopping.set(true);
            loop.interrupt();
            loop.join(5_000);
        }
    }

    private void start(BatchLoop.Pace pace, int maxBatch) {
        loop = new Thread(() -> BatchLoop.run(queue, maxBatch, 10, pace, BatchLoop.Gate.OPEN, stopping::get,
                b -> batches.add(List.copyOf(b))));
        loop.start();
    }

    private void awaitBatches(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() >= n);
    }

    @Test
    void anIdleLoopWritesItsFirstItemAtOnce() throws InterruptedException {
        start(new BatchLoop.Pace(INTERVAL, ticker), 256);
        queue.add(1);
        awaitBatches(1);
        assertThat(batches).containsExactly(List.of(1));
        assertThat(ticker.pauses()).isEmpty();
    }

    @Test
    void itemsArrivingWithinTheIntervalWaitForItAndGoTogether() throws InterruptedException {
        start(new BatchLoop.Pace(INTERVAL, ticker), 256);
        queue.add(1);
        awaitBatches(1);
        ticker.advance(TimeUnit.MILLISECONDS.toNanos(2));

        queue.add(2);
        // The loop took 2 and waits for the rest of the interval: 3 ms after 2 ms of the 5.
        assertThat(ticker.awaitPause()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        queue.add(3);
        queue.add(4);
        ticker.endPause();
        awaitBatches(2);

        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
    }

    @Test
    void anItemAfterTheIntervalGoesAtOnce() throws InterruptedException {
        start(new BatchLoop.Pace(INTERVAL, ticker), 256);
        queue.add(1);
        awaitBatches(1);
        ticker.advance(INTERVAL);

        queue.add(2);
        awaitBatches(2);

        assertThat(batches).containsExactly(List.of(1), List.of(2));
        assertThat(ticker.pauses()).isEmpty();
    }

    @Test
    void aFullBatchDoesNotWait() throws InterruptedException {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BatchLoop.Pace pace = new BatchLoop.Pace(INTERVAL, ticker);
        loop = new Thread(() -> BatchLoop.run(queue, 3, 10, pace, BatchLoop.Gate.OPEN, stopping::get, b -> {
            batches.add(List.copyOf(b));
            firstWritten.countDown();
            awaitQuietly(release);
        }));
        loop.start();
        queue.add(1);
        assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
        // Three more queued while the first batch is being written: a full batch, written without a pause.
        queue.addAll(List.of(2, 3, 4));
        release.countDown();
        awaitBatches(2);

        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(ticker.pauses()).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void withoutAPaceEveryBatchGoesAtOnce() throws InterruptedException {
        start(BatchLoop.Pace.NONE, 256);
        for (int i = 1; i <= 3; i++) {
            queue.add(i);
            awaitBatches(i);
        }

        assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void aStopWritesWhatIsQueuedThenReturns() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        queue.addAll(List.of(1, 2));
        stopping.set(true);
        Thread t = new Thread(() -> {
            BatchLoop.run(queue, 256, 10, stopping::get, b -> batches.add(List.copyOf(b)));
            done.countDown();
        });
        t.start();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(batches).containsExactly(List.of(1, 2));
    }

    /** A second loop, sharing {@code gate} with a first that holds it: its batches go to {@code into}. */
    private Thread gatedLoop(BlockingQueue<Integer> own, BatchLoop.Gate gate, List<List<Integer>> into) {
        Thread t = new Thread(() -> BatchLoop.run(own, 256, 10, BatchLoop.Pace.NONE, gate, stopping::get,
                b -> into.add(List.copyOf(b))));
        t.start();
        return t;
    }

    @Test
    void aLoopWaitsAtTheGateWhileAnotherWritesAndTakesWhatArrivedMeanwhile() throws InterruptedException {
        BatchLoop.Gate gate = BatchLoop.Gate.of(1);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop = new Thread(() -> BatchLoop.run(queue, 256, 10, BatchLoop.Pace.NONE, gate, stopping::get, b -> {
            batches.add(List.copyOf(b));
            writing.countDown();
            awaitQuietly(release);
        }));
        loop.start();
        queue.add(1);
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        BlockingQueue<Integer> other = new LinkedBlockingQueue<>();
        List<List<Integer>> otherBatches = new CopyOnWriteArrayList<>();
        Thread second = gatedLoop(other, gate, otherBatches);
        try {
            other.add(10);
            // The second loop took 10 and waits at the gate (nothing is written while the first one writes).
            await().atMost(Duration.ofSeconds(10)).until(other::isEmpty);
            await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
            other.addAll(List.of(11, 12));
            assertThat(otherBatches).isEmpty();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> !otherBatches.isEmpty());

            assertThat(otherBatches).containsExactly(List.of(10, 11, 12));
        } finally {
            second.interrupt();
            second.join(5_000);
        }
    }

    @Test
    void aLoopInterruptedAtTheGateWritesWhatItTookAndReturns() throws InterruptedException {
        BatchLoop.Gate gate = BatchLoop.Gate.of(1);
        assertThat(gate.enter()).isTrue(); // held by another writer for the whole test
        BlockingQueue<Integer> own = new LinkedBlockingQueue<>(List.of(7));
        List<List<Integer>> written = new CopyOnWriteArrayList<>();
        Thread t = gatedLoop(own, gate, written);
        await().atMost(Duration.ofSeconds(10)).until(() -> own.isEmpty() && t.getState() == Thread.State.WAITING);

        t.interrupt();
        t.join(10_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(written).containsExactly(List.of(7));
    }

    @Test
    void anOpenGateLetsEveryLoopWriteAndAGateNeedsAPlace() {
        assertThat(BatchLoop.Gate.OPEN.enter()).isTrue();
        assertThatThrownBy(() -> BatchLoop.Gate.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new BatchLoop.Pace(-1, BatchLoop.Ticker.SYSTEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
