package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationsTest {
    /** The lane: holds its tasks until the test runs them. */
    private final ArrayDeque<Runnable> lane = new ArrayDeque<>();
    private final Continuations continuations = new Continuations(lane::add);
    private final List<Integer> ran = new ArrayList<>();

    @Test
    void aBurstOfContinuationsRunsInOneLaneTaskInTheOrderTheyCame() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            continuations.execute(() -> ran.add(n));
        }
        assertThat(lane).hasSize(1);
        lane.poll().run();
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
        assertThat(lane).isEmpty();
    }

    @Test
    void oneArrivingAfterTheTaskRanGetsATaskOfItsOwn() {
        continuations.execute(() -> ran.add(1));
        lane.poll().run();
        continuations.execute(() -> ran.add(2));
        assertThat(lane).hasSize(1);
        lane.poll().run();
        assertThat(ran).containsExactly(1, 2);
    }

    @Test
    void oneAddedWhileTheTaskRunsRunsInItToo() {
        continuations.execute(() -> {
            ran.add(1);
            continuations.execute(() -> ran.add(2));
        });
        lane.poll().run();
        assertThat(ran).containsExactly(1, 2);
        assertThat(lane).isEmpty();
    }

    @Test
    void aLongBurstIsSplitSoThatCommandsGetTheirTurn() {
        int total = Continuations.MAX_PER_TASK + 3;
        for (int i = 0; i < total; i++) {
            int n = i;
            continuations.execute(() -> ran.add(n));
        }
        lane.poll().run();
        assertThat(ran).hasSize(Continuations.MAX_PER_TASK);
        assertThat(lane).hasSize(1);
        lane.poll().run();
        assertThat(ran).hasSize(total);
        assertThat(ran.get(total - 1)).isEqualTo(total - 1);
    }

    @Test
    void aFailingContinuationDoesNotStopTheOthers() {
        continuations.execute(() -> {
            throw new IllegalStateException("boom");
        });
        continuations.execute(() -> ran.add(2));
        lane.poll().run();
        assertThat(ran).containsExactly(2);
    }
}
