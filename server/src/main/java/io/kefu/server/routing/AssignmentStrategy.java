package io.kefu.server.routing;

import java.util.Collection;
import java.util.Optional;

/** Chooses which of the agents able to take a conversation gets it. Runs on the router's lane. */
interface AssignmentStrategy {
    Optional<AgentState> choose(Collection<AgentState> candidates);
}
