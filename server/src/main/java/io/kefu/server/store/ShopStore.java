package io.kefu.server.store;

import java.util.List;
import java.util.Optional;

/** Shops, their skill groups and their staff. Runs on store threads only. */
public interface ShopStore {

    ShopRecord createShop(String name);

    Optional<ShopRecord> findShop(String shopId);

    /**
     * Creates a group (the given id is ignored; a new one is generated) and returns it as stored. A
     * shop's first group becomes its default; a group created with {@code isDefault=true} takes the
     * default from the previous one, in the same transaction.
     */
    GroupRecord createGroup(GroupRecord group);

    List<GroupRecord> groups(String shopId);

    /**
     * Creates a staff member. Throws {@code KefuException(INVALID_STATE)} when the username is taken in
     * that shop. {@code passwordHash} is already hashed by the caller.
     */
    AgentRecord createAgent(AgentRecord agent);

    Optional<AgentRecord> findAgent(String agentId);

    Optional<AgentRecord> findAgentByUsername(String shopId, String username);

    List<AgentRecord> agents(String shopId);
}
