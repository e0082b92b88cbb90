package io.kefu.server.store;

import io.kefu.protocol.Role;
import java.util.List;

/** A shop's staff member: agent, supervisor or admin. {@code passwordHash} is never sent anywhere. */
public record AgentRecord(String id, String shopId, String username, String passwordHash, String name,
                          Role role, int maxConcurrent, List<String> groupIds) {
    public AgentRecord {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }
}
