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
}
