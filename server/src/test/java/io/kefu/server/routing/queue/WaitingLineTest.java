package io.kefu.server.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaitingLineTest {

    @Test
    void lowerRanksGoFirstAndArrivalOrderHoldsInsideARank() {
        WaitingLine line = new WaitingLine(3);
        line.addLast("n1", 2);
        line.addLast("v1", 1);
        line.addLast("n2", 2);
        line.addLast("u1", 0);
        line.addLast("v2", 1);

        assertThat(line.inOrder()).containsExactly("u1", "v1", "v2", "n1", "n2");
        assertThat(line.position("n1")).isEqualTo(4);
        assertThat(line.position("gone")).isZero();
    }

    @Test
    void theFrontOfARankIsAheadOfItsEarlierArrivalsButNotOfHigherRanks() {
        WaitingLine line = new WaitingLine(3);
        line.addLast("n1", 2);
        line.addLast("v1", 1);
        line.addFirst("back", 2);

        assertThat(line.inOrder()).containsExactly("v1", "back", "n1");
        assertThat(line.poll()).isEqualTo("v1");
        assertThat(line.poll()).isEqualTo("back");
        assertThat(line.peek()).isEqualTo("n1");
    }

    @Test
    void addingAgainMoves() {
        WaitingLine line = new WaitingLine(2);
        line.addLast("a", 1);
        line.addLast("b", 1);
        line.addLast("a", 0);

        assertThat(line.inOrder()).containsExactly("a", "b");
        assertThat(line.rankOf("a")).isZero();
        assertThat(line.size()).isEqualTo(2);
    }

    /** Many random operations against a list that does the same the slow way. */
    @Test
    void agreesWithASimpleModelUnderRandomOperations() {
        Random random = new Random(42);
        WaitingLine line = new WaitingLine(3);
        List<List<String>> model = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> present = new ArrayList<>();
        for (int step = 0; step < 50_000; step++) {
            int op = random.nextInt(10);
            if (op < 4 || present.isEmpty()) {
                String id = "c" + step;
                int rank = random.nextInt(3);
                boolean front = random.nextInt(4) == 0;
                if (front) {
                    line.addFirst(id, rank);
                    model.get(rank).add(0, id);
                } else {
                    line.addLast(id, rank);
                    model.get(rank).add(id);
                }
                present.add(id);
            } else if (op < 7) {
                String id = present.remove(random.nextInt(present.size()));
                assertThat(line.remove(id)).isTrue();
                model.forEach(l -> l.remove(id));
            } else if (op < 9) {
                String head = line.poll();
                List<String> expected = model.stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow();
                assertThat(head).isEqualTo(expected.remove(0));
                present.remove(head);
            } else {
                String id = present.get(random.nextInt(present.size()));
                assertThat(line.position(id)).isEqualTo(flat(model).indexOf(id) + 1);
            }
            assertThat(line.size()).isEqualTo(present.size());
        }
        assertThat(line.inOrder()).isEqualTo(flat(model));
    }

    private static List<String> flat(List<List<String>> model) {
        List<String> all = new ArrayList<>();
        model.forEach(all::addAll);
        return all;
    }
}
