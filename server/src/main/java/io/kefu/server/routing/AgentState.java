package io.kefu.server.routing;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.AgentRef;
import io.kefu.server.store.AgentRecord;
import java.util.LinkedHashSet;
import java.util.Set;

/** An agent as its shop's router sees it. Owned by the router: touched only on its lane. */
final class AgentState {
    AgentRecord record;
    AgentStatus status = AgentStatus.OFFLINE;
    int connections;
    final Set<String> active = new LinkedHashSet<>();
    long lastAssignedAt;

    AgentState(AgentRecord record) {
        this.record = record;
    }

    String id() {
        return record.id();
    }

    AgentRef ref() {
        return new AgentRef(record.id(), record.name());
    }

    boolean inGroup(String groupId) {
        return record.groupIds().contains(groupId);
    }

    /** Online, connected and under its concurrent-chat limit. */
    boolean canTakeMore() {
        return status == AgentStatus.ONLINE && connections > 0 && active.size() < record.maxConcurrent();
    }
}
