package io.kefu.server.routing.policy;

import io.kefu.server.settings.GroupStrategy;
import java.util.Optional;

/** Makes the strategy object a group's setting names. A stateful one (round-robin) is made per group. */
public final class Strategies {
    /** {@code manual}: nobody is assigned; agents pick from the queue. */
    public static final AssignmentStrategy MANUAL = new AssignmentStrategy() {
        @Override
        public <A extends AgentLoad> Optional<A> choose(java.util.Collection<A> candidates) {
            return Optional.empty();
        }
    };

    private Strategies() {
    }

    public static AssignmentStrategy forGroup(GroupStrategy s) {
        return switch (s) {
            case LEAST_BUSY -> new LeastBusyStrategy();
            case ROUND_ROBIN -> new RoundRobinStrategy();
            case LONGEST_IDLE -> new LongestIdleStrategy();
            case MANUAL -> MANUAL;
        };
    }
}
