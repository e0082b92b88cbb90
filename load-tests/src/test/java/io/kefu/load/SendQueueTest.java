package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendQueueTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final long[] now = {1_000};
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<String> log = new ArrayList<>();
    private final List<Long> served = new ArrayList<>();
    private SendQueue queue;

    @BeforeEach
    void freeze() {
        channel.freezeTime();
        queue = new SendQueue(channel.eventLoop(), () -> now[0], stopping::get);
    }

    /** Acts at the given times, then is done. */
    private final class Times implements SendQueue.Due {
        private final String name;
        private final long[] times;
        private int i;

        Times(String name, long... times) {
            this.name = name;
            this.times = times;
        }

        @Override
        public long first() {
            return times.length == 0 ? RatePlan.NEVER : times[0];
        }

        @Override
        public long sendDue(long at) {
            log.add(name + "@" + at);
            i++;
            return i < times.length ? times[i] : RatePlan.NEVER;
        }
    }

    /** Moves both clocks and runs what is due, including turns a turn queued behind itself. */
    private void advanceTo(long micros) {
        channel.advanceTimeBy(micros - now[0], TimeUnit.MICROSECONDS);
        now[0] = micros;
        int before;
        do {
            before = log.size() + served.size();
            channel.runPendingTasks();
        } while (log.size() + served.size() != before);
    }

    @Test
    void each_acts_at_its_times_in_time_order() {
        queue.addAll(List.of(new Times("a", 1_300, 1_900), new Times("b", 1_100, 1_500, 1_700), new Times("c", 2_000)));
        channel.runPendingTasks();
        assertThat(log).as("nothing is due yet").isEmpty();

        advanceTo(1_099);
        assertThat(log).isEmpty();
        advanceTo(1_100);
        assertThat(log).containsExactly("b@1100");
        advanceTo(1_600);
        assertThat(log).containsExactly("b@1100", "a@1600", "b@1600");
        advanceTo(5_000);
        assertThat(log).containsExactly("b@1100", "a@1600", "b@1600", "b@5000", "a@5000", "c@5000");
        assertThat(queue.size()).as("all done").isZero();
        assertThat(channel.hasPendingTasks()).as("and no timer left").isFalse();
    }

    @Test
    void a_late_one_is_served_in_the_order_it_was_due() {
        queue.addAll(List.of(new Times("a", 1_500), new Times("b", 1_200), new Times("c", 1_400)));

        advanceTo(3_000);

        assertThat(log).containsExactly("b@3000", "c@3000", "a@3000");
    }

    @Test
    void a_turn_serves_a_bounded_number_then_lets_the_loop_do_other_work() {
        List<Times> many = new ArrayList<>();
        for (int i = 0; i < SendQueue.MAX_PER_TURN + 10; i++) {
            many.add(new Times("s" + i, 1_000));
        }
        queue.addAll(many);
        channel.eventLoop().execute(() -> log.add("read"));

        channel.runPendingTasks();

        assertThat(log).hasSize(SendQueue.MAX_PER_TURN + 11);
        assertThat(log.indexOf("read")).as("other work ran between two turns").isEqualTo(SendQueue.MAX_PER_TURN);
        assertThat(queue.size()).isZero();
    }

    @Test
    void many_in_random_order_are_served_earliest_first_each_time_they_are_due() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        List<SendQueue.Due> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            long[] at = {1_001 + random.nextInt(50_000), 0};
            at[1] = at[0] + 1 + random.nextInt(50_000);
            many.add(new SendQueue.Due() {
                private int k;

                @Override
                public long first() {
                    return at[0];
                }

                @Override
                public long sendDue(long now) {
                    served.add(at[k]);
                    return ++k < at.length ? at[k] : RatePlan.NEVER;
                }
            });
        }
        queue.addAll(many);

        advanceTo(200_000);

        assertThat(served).hasSize(6_000).isSorted();
        assertThat(queue.size()).isZero();
    }

    @Test
    void one_that_never_acts_is_not_queued() {
        queue.addAll(List.of(new Times("none"), new Times("a", 1_200)));

        assertThat(queue.size()).isEqualTo(1);
        advanceTo(1_200);
        assertThat(log).containsExactly("a@1200");
    }

    @Test
    void nothing_is_served_once_the_run_is_stopping() {
        queue.addAll(List.of(new Times("a", 1_100, 1_200)));
        advanceTo(1_100);
        stopping.set(true);

        advanceTo(2_000);

        assertThat(log).containsExactly("a@1100");
        assertThat(channel.hasPendingTasks()).isFalse();
    }
}
