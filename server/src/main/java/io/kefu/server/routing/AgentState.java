package io.kefu.server.routing;

import io.kefu.protocol.AgentRef;
import io.kefu.protocol.AgentStatus;
import io.kefu.server.routing.policy.AgentLoad;
import io.kefu.server.store.AgentRecord;
import java.util.LinkedHashSet;
import java.util.Set;

/** An agent as its shop's router sees it. Owned by the router: touched only on its lane. */
final class AgentState implements AgentLoad {
    AgentRecord record;
    AgentStatus status = AgentStatus.OFFLINE;
    int connections;
    final Set<String> active = new LinkedHashSet<>();
    long lastAssignedAt;
    /** When the agent's last connection dropped (the grace period runs from it); 0 while connected. */
    long disconnectedAt;
    /** The shift start a deadline is pending for, or 0. */
    long shiftArmedFor;

    AgentState(AgentRecord record) {
        this.record = record;
    }

    @Override
    public String id() {
        return record.id();
    }

    @Override
    public int activeCount() {
        return active.size();
    }

    @Override
    public long lastAssignedAt() {
        return lastAssignedAt;
    }

    AgentRef ref() {
        return new AgentRef(record.id(), record.name());
    }

    boolean inGroup(String groupId) {
        return record.groupIds().contains(groupId);
    }

    /** Connected, online and not disabled: may be offered work, capacity permitting. */
    boolean available() {
        return status == AgentStatus.ONLINE && connections > 0 && !record.disabled();
    }

    /** Online, connected and under its concurrent-chat limit. */
    boolean canTakeMore() {
        return available() && active.size() < record.maxConcurrent();
    }
}
