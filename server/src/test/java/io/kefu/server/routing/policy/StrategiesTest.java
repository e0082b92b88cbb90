package io.kefu.server.routing.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.settings.GroupStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    record Agent(String id, int activeCount, long lastAssignedAt) implements AgentLoad {
    }

    private final Agent a = new Agent("a", 2, 100);
    private final Agent b = new Agent("b", 0, 300);
    private final Agent c = new Agent("c", 1, 200);

    @Test
    void roundRobinGivesEachAgentATurnInIdOrderSkippingTheFull() {
        AssignmentStrategy rr = Strategies.forGroup(GroupStrategy.ROUND_ROBIN);

        assertThat(rr.choose(List.of(c, a, b))).contains(a);
        assertThat(rr.choose(List.of(c, a, b))).contains(b);
        assertThat(rr.choose(List.of(a, c))).as("b is full now").contains(c);
        assertThat(rr.choose(List.of(c, a, b))).as("wraps around").contains(a);
    }

    @Test
    void longestIdleIgnoresLoad() {
        assertThat(Strategies.forGroup(GroupStrategy.LONGEST_IDLE).choose(List.of(b, c, a))).contains(a);
    }

    @Test
    void leastBusyPrefersTheFewestChats() {
        assertThat(Strategies.forGroup(GroupStrategy.LEAST_BUSY).choose(List.of(a, b, c))).contains(b);
    }

    @Test
    void manualNeverChooses() {
        assertThat(Strategies.forGroup(GroupStrategy.MANUAL).choose(List.of(a, b, c))).isEmpty();
    }

    @Test
    void roundRobinIsOnePerGroup() {
        assertThat(Strategies.forGroup(GroupStrategy.ROUND_ROBIN))
                .isNotSameAs(Strategies.forGroup(GroupStrategy.ROUND_ROBIN));
    }

    @Test
    void prioritiesRankUrgentVipNormal() {
        assertThat(Priority.of(true, true)).isEqualTo(Priority.URGENT);
        assertThat(Priority.of(false, true)).isEqualTo(Priority.VIP);
        assertThat(Priority.of(false, false)).isEqualTo(Priority.NORMAL);
        assertThat(Priority.fromWire("vip").rank()).isLessThan(Priority.NORMAL.rank());
        assertThat(Priority.fromWire(null)).isEqualTo(Priority.NORMAL);
    }
}
