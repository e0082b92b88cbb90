package io.kefu.server.routing.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The agent with the fewest open chats; among equals, the one who waited longest since an assignment. */
public final class LeastBusyStrategy implements AssignmentStrategy {
    private static final Comparator<AgentLoad> ORDER = Comparator
            .comparingInt(AgentLoad::activeCount)
            .thenComparingLong(AgentLoad::lastAssignedAt)
            .thenComparing(AgentLoad::id);

    @Override
    public <A extends AgentLoad> Optional<A> choose(Collection<A> candidates) {
        return AssignmentStrategy.first(candidates, ORDER);
    }
}
