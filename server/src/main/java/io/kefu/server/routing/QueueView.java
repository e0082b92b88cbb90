package io.kefu.server.routing;

import java.util.List;

/**
 * What a shop's managers see of its queues at one moment (contract §5, {@code GET .../queue}): per
 * group, the waiting conversations in serving order and the agents with their presence and load.
 * Immutable; built on the shop's router lane.
 */
public record QueueView(List<Group> groups) {
    public QueueView {
        groups = List.copyOf(groups);
    }

    public record Group(String id, String name, String strategy, List<Waiting> queued, List<Agent> agents) {
        public Group {
            queued = List.copyOf(queued);
            agents = List.copyOf(agents);
        }
    }

    /**
     * A waiting conversation. {@code position} 0 with {@code waitingFor} set: a returning buyer held
     * for their last agent (sticky), not yet in the line.
     */
    public record Waiting(String conv, String buyer, String priority, int position, long waitedSec, long etaSec,
                          String waitingFor) {
    }

    public record Agent(String id, String name, String status, int active, int maxConcurrent, boolean onShift,
                        int connections) {
    }
}
