package io.kefu.server.store;

import io.kefu.protocol.Role;
import io.kefu.server.settings.WeeklyHours;
import java.util.List;
import java.util.Objects;

/**
 * A shop's staff member: agent, supervisor or admin. {@code passwordHash} is never sent anywhere.
 * {@code shifts} are the weekly windows in which the agent gets new conversations (always when empty).
 * A {@code disabled} member cannot log in and gets no work; {@code tokenVersion} is raised whenever their
 * tokens must stop working (docs/staff.md).
 */
public record AgentRecord(String id, String shopId, String username, String passwordHash, String name,
                          Role role, int maxConcurrent, List<String> groupIds, WeeklyHours shifts, boolean disabled,
                          int tokenVersion) {
    public AgentRecord {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        Objects.requireNonNull(shifts, "shifts");
    }

    /** An enabled staff member whose tokens were never revoked. */
    public AgentRecord(String id, String shopId, String username, String passwordHash, String name, Role role,
                       int maxConcurrent, List<String> groupIds, WeeklyHours shifts) {
        this(id, shopId, username, passwordHash, name, role, maxConcurrent, groupIds, shifts, false, 0);
    }

    /** A staff member always on shift. */
    public AgentRecord(String id, String shopId, String username, String passwordHash, String name, Role role,
                       int maxConcurrent, List<String> groupIds) {
        this(id, shopId, username, passwordHash, name, role, maxConcurrent, groupIds, WeeklyHours.ALWAYS);
    }

    public AgentRecord withGroups(List<String> groups) {
        return new AgentRecord(id, shopId, username, passwordHash, name, role, maxConcurrent, groups, shifts, disabled,
                tokenVersion);
    }
}
