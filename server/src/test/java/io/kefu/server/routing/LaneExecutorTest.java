package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.session.Outbox;
import io.kefu.server.session.RecordingChannel;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LaneExecutorTest {
    private final LaneExecutor lane = new LaneExecutor(r -> {
        Thread t = new Thread(r, "lane-executor-test");
        t.setUncaughtExceptionHandler((thread, e) -> { }); // the failing task's thread ends with its exception
        return t;
    });
    @RegisterExtension
    final RecordingChannel recording = new RecordingChannel();
    private Channel channel;

    @BeforeEach
    void connect() {
        channel = recording.channel();
    }

    @AfterEach
    void stopTheLane() throws Exception {
        lane.shutdown();
        assertThat(lane.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Waits until the lane has run everything queued, its last outbox handed over (a task counts as completed once
     * its after-execute step, which closes the outbox, is done), then until the event loop wrote what it was given.
     */
    private void settle() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> lane.getQueue().isEmpty() && lane.getCompletedTaskCount() == lane.getTaskCount());
        recording.settle();
    }

    /** Holds the lane in a task until the returned latch is counted down, so that what is queued meanwhile waits. */
    private CountDownLatch holdTheLane() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> {
            running.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void aTaskRunningAloneHasItsWritesLeaveWhenItEnds() throws Exception {
        lane.execute(() -> {
            Outbox.write(channel, channel, "a");
            Outbox.write(channel, channel, "b");
        });
        settle();
        assertThat(recording.seen()).containsExactly("write:a", "write:b", "flush");
    }

    @Test
    void tasksQueuedBackToBackShareOneOutboxAndOneFlush() throws Exception {
        CountDownLatch release = holdTheLane();
        lane.execute(() -> Outbox.write(channel, channel, "a"));
        lane.execute(() -> Outbox.write(channel, channel, "b"));
        lane.execute(() -> Outbox.write(channel, channel, "c"));
        release.countDown();
        settle();
        assertThat(recording.seen()).containsExactly("write:a", "write:b", "write:c", "flush");
    }

    @Test
    void noMoreThanTheBoundOfTasksWaitInOneOutbox() throws Exception {
        CountDownLatch release = holdTheLane();
        int tasks = LaneExecutor.MAX_TASKS_PER_OUTBOX + 5;
        for (int i = 0; i < tasks; i++) {
            String frame = Integer.toString(i);
            lane.execute(() -> Outbox.write(channel, channel, frame));
        }
        release.countDown();
        settle();
        // The holding task opened the outbox and counts as one of its tasks.
        assertThat(recording.seen()).hasSize(tasks + 2)
                .containsSubsequence("write:0", "write:" + (LaneExecutor.MAX_TASKS_PER_OUTBOX - 2), "flush",
                        "write:" + (LaneExecutor.MAX_TASKS_PER_OUTBOX - 1), "write:" + (tasks - 1), "flush");
        assertThat(Collections.frequency(recording.seen(), "flush")).isEqualTo(2);
    }

    @Test
    void aTaskThatFailsStillHasTheWritesOfItsBatchLeave() throws Exception {
        CountDownLatch release = holdTheLane();
        lane.execute(() -> Outbox.write(channel, channel, "a"));
        lane.execute(() -> {
            Outbox.write(channel, channel, "b");
            throw new IllegalStateException("a bug in a command");
        });
        release.countDown();
        settle();
        assertThat(recording.seen()).containsExactly("write:a", "write:b", "flush");
    }
}
