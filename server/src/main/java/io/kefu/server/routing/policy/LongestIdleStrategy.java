package io.kefu.server.routing.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The agent whose last assignment is oldest, whatever their load (ties by id, so the choice is repeatable). */
public final class LongestIdleStrategy implements AssignmentStrategy {
    private static final Comparator<AgentLoad> ORDER = Comparator.comparingLong(AgentLoad::lastAssignedAt)
            .thenComparing(AgentLoad::id);

    @Override
    public <A extends AgentLoad> Optional<A> choose(Collection<A> candidates) {
        return AssignmentStrategy.first(candidates, ORDER);
    }
}
