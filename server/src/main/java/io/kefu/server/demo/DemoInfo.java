package io.kefu.server.demo;

import io.kefu.protocol.Role;
import java.util.List;

/**
 * What the demo seeding made or found: the shop, its groups and the staff logins. The passwords are
 * the published demo ones, meant to be printed at start-up (on the console, not through a logger).
 */
public record DemoInfo(String shopId, String shopName, List<Group> groups, List<Login> logins) {
    public DemoInfo {
        groups = List.copyOf(groups);
        logins = List.copyOf(logins);
    }

    /** A skill group and the entry types routed to it. */
    public record Group(String id, String name, boolean isDefault, List<String> entryTypes) {
        public Group {
            entryTypes = List.copyOf(entryTypes);
        }
    }

    /**
     * A staff login for the console: {@code POST /api/v1/auth/agent} with shopId, username, password.
     * {@code groupNames} are the names of {@code groupIds}, in the same order.
     */
    public record Login(String agentId, String username, String password, String name, Role role,
                        List<String> groupIds, List<String> groupNames) {
        public Login {
            groupIds = List.copyOf(groupIds);
            groupNames = List.copyOf(groupNames);
        }
    }
}
