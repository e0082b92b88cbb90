package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Role;
import io.kefu.server.store.AgentRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastBusyStrategyTest {
    private final LeastBusyStrategy strategy = new LeastBusyStrategy();

    private static AgentState agent(String id, int active, long lastAssignedAt) {
        AgentState a = new AgentState(new AgentRecord(id, "s1", id, "h", id, Role.AGENT, 5, List.of("g1")));
        a.status = AgentStatus.ONLINE;
        a.connections = 1;
        for (int i = 0; i < active; i++) {
            a.active.add(id + "-c" + i);
        }
        a.lastAssignedAt = lastAssignedAt;
        return a;
    }

    @Test
    void theAgentWithFewestChatsWins() {
        assertThat(strategy.choose(List.of(agent("a", 3, 0), agent("b", 1, 0), agent("c", 2, 0))))
                .get().extracting(AgentState::id).isEqualTo("b");
    }

    @Test
    void amongEqualsTheOneIdleLongestWins() {
        assertThat(strategy.choose(List.of(agent("a", 1, 300), agent("b", 1, 100), agent("c", 1, 200))))
                .get().extracting(AgentState::id).isEqualTo("b");
    }

    @Test
    void noCandidatesNoChoice() {
        assertThat(strategy.choose(List.of())).isEmpty();
    }

    @Test
    void anAgentTakesMoreOnlyWhenOnlineConnectedAndUnderItsLimit() {
        AgentState a = agent("a", 4, 0);
        assertThat(a.canTakeMore()).isTrue();
        a.active.add("fifth");
        assertThat(a.canTakeMore()).isFalse();
        AgentState away = agent("b", 0, 0);
        away.status = AgentStatus.AWAY;
        assertThat(away.canTakeMore()).isFalse();
        AgentState gone = agent("c", 0, 0);
        gone.connections = 0;
        assertThat(gone.canTakeMore()).isFalse();
    }
}
