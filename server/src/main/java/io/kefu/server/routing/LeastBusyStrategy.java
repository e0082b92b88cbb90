package io.kefu.server.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The agent with the fewest open chats; among equals, the one who waited longest since an assignment. */
final class LeastBusyStrategy implements AssignmentStrategy {
    private static final Comparator<AgentState> ORDER = Comparator
            .comparingInt((AgentState a) -> a.active.size())
            .thenComparingLong(a -> a.lastAssignedAt)
            .thenComparing(AgentState::id);

    @Override
    public Optional<AgentState> choose(Collection<AgentState> candidates) {
        return candidates.stream().min(ORDER);
    }
}
