package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Role;
import io.kefu.server.store.AgentRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentStateTest {
    private static AgentState online(String id, int active) {
        AgentState a = new AgentState(new AgentRecord(id, "s1", id, "h", id, Role.AGENT, 5, List.of("g1")));
        a.status = AgentStatus.ONLINE;
        a.connections = 1;
        for (int i = 0; i < active; i++) {
            a.active.add(id + "-c" + i);
        }
        return a;
    }

    @Test
    void anAgentTakesMoreOnlyWhenOnlineConnectedAndUnderItsLimit() {
        AgentState a = online("a", 4);
        assertThat(a.canTakeMore()).isTrue();
        a.active.add("fifth");
        assertThat(a.canTakeMore()).isFalse();
        AgentState away = online("b", 0);
        away.status = AgentStatus.AWAY;
        assertThat(away.canTakeMore()).isFalse();
        AgentState gone = online("c", 0);
        gone.connections = 0;
        assertThat(gone.canTakeMore()).isFalse();
    }

    @Test
    void itsLoadIsWhatStrategiesSee() {
        AgentState a = online("a", 2);
        a.lastAssignedAt = 77;

        assertThat(a.activeCount()).isEqualTo(2);
        assertThat(a.lastAssignedAt()).isEqualTo(77);
        assertThat(a.id()).isEqualTo("a");
    }
}
