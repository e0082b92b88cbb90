package io.kefu.server.store;

import io.kefu.protocol.Role;
import io.kefu.server.settings.WeeklyHours;
import java.util.List;
import java.util.Objects;

/**
 * A shop's staff member: agent, supervisor or admin. {@code passwordHash} is never sent anywhere.
 * {@code shifts} are the weekly windows in which the agent gets new conversations (always when empty).
 */
public record AgentRecord(String id, String shopId, String username, String passwordHash, String name,
                          Role role, int maxConcurrent, List<String> groupIds, WeeklyHours shifts) {
    public AgentRecord {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        Objects.requireNonNull(shifts, "shifts");
    }

    /** A staff member always on shift. */
    public AgentRecord(String id, String shopId, String username, String passwordHash, String name, Role role,
                       int maxConcurrent, List<String> groupIds) {
        this(id, shopId, username, passwordHash, name, role, maxConcurrent, groupIds, WeeklyHours.ALWAYS);
    }

    public AgentRecord withGroups(List<String> groups) {
        return new AgentRecord(id, shopId, username, passwordHash, name, role, maxConcurrent, groups, shifts);
    }
}
