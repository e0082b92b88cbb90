package io.kefu.server.routing.policy;

import java.util.Collection;
import java.util.Optional;

/**
 * Each agent in turn, in id order: the next after the one who got the last conversation, wrapping
 * around, skipping those without a free slot. One instance per group; confined to the router lane.
 */
public final class RoundRobinStrategy implements AssignmentStrategy {
    private String last;

    @Override
    public <A extends AgentLoad> Optional<A> choose(Collection<A> candidates) {
        A next = null;
        A lowest = null;
        for (A a : candidates) {
            if (lowest == null || a.id().compareTo(lowest.id()) < 0) {
                lowest = a;
            }
            if (last != null && a.id().compareTo(last) > 0 && (next == null || a.id().compareTo(next.id()) < 0)) {
                next = a;
            }
        }
        A chosen = next != null ? next : lowest;
        if (chosen != null) {
            last = chosen.id();
        }
        return Optional.ofNullable(chosen);
    }
}
