package io.kefu.server.routing.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeastBusyStrategyTest {
    private final LeastBusyStrategy strategy = new LeastBusyStrategy();

    record Agent(String id, int activeCount, long lastAssignedAt) implements AgentLoad {
    }

    @Test
    void theAgentWithFewestChatsWins() {
        assertThat(strategy.choose(List.of(new Agent("a", 3, 0), new Agent("b", 1, 0), new Agent("c", 2, 0))))
                .get().extracting(Agent::id).isEqualTo("b");
    }

    @Test
    void amongEqualsTheOneIdleLongestWins() {
        assertThat(strategy.choose(List.of(new Agent("a", 1, 300), new Agent("b", 1, 100), new Agent("c", 1, 200))))
                .get().extracting(Agent::id).isEqualTo("b");
    }

    @Test
    void fullTiesGoToTheSmallestIdSoTheChoiceIsRepeatable() {
        assertThat(strategy.choose(List.of(new Agent("b", 1, 100), new Agent("a", 1, 100))))
                .get().extracting(Agent::id).isEqualTo("a");
    }

    @Test
    void noCandidatesNoChoice() {
        assertThat(strategy.choose(List.<Agent>of())).isEmpty();
    }
}
