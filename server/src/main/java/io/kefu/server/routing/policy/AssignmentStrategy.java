package io.kefu.server.routing.policy;

import java.util.Collection;
import java.util.Optional;

/**
 * Chooses which of the agents able to take a conversation gets it. Every candidate is online, on shift,
 * connected and has a free slot. Runs on the router's lane; implementations keep no state of their own
 * beyond what the lane gives them.
 */
public interface AssignmentStrategy {
    <A extends AgentLoad> Optional<A> choose(Collection<A> candidates);

    /** The first candidate in {@code order}, without sorting or streaming (it runs per assignment). */
    static <A extends AgentLoad> Optional<A> first(Collection<A> candidates, java.util.Comparator<? super A> order) {
        A best = null;
        for (A a : candidates) {
            if (best == null || order.compare(a, best) < 0) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }
}
