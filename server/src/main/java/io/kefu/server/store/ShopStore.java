package io.kefu.server.store;

import io.kefu.server.settings.RoutingSettings;
import java.util.List;
import java.util.Optional;

/** Shops, their skill groups and their staff. Runs on store threads only. */
public interface ShopStore {

    ShopRecord createShop(String name);

    Optional<ShopRecord> findShop(String shopId);

    /**
     * The one shop with exactly this name; empty when no shop or more than one has it (names are not
     * unique), so a login by name never picks one of several shops.
     */
    Optional<ShopRecord> findShopByName(String name);

    /**
     * Creates a group (the given id is ignored; a new one is generated) and returns it as stored. A
     * shop's first group becomes its default; a group created with {@code isDefault=true} takes the
     * default from the previous one, in the same transaction.
     */
    GroupRecord createGroup(GroupRecord group);

    List<GroupRecord> groups(String shopId);

    /**
     * Replaces a group's settings. Making it the default takes the default from the previous one in the
     * same transaction; the default group cannot be un-defaulted directly. Throws {@code not_found} for
     * an unknown group or overflow target.
     */
    GroupRecord updateGroup(GroupRecord group);

    /** Replaces a staff member's name, role, capacity, shifts, groups and password hash. */
    AgentRecord updateAgent(AgentRecord agent);

    /** The shop's routing settings (the defaults until changed); {@code not_found} for an unknown shop. */
    RoutingSettings routingSettings(String shopId);

    void saveRoutingSettings(String shopId, RoutingSettings settings);

    /**
     * Creates a staff member. Throws {@code KefuException(INVALID_STATE)} when the username is taken in
     * that shop. {@code passwordHash} is already hashed by the caller.
     */
    AgentRecord createAgent(AgentRecord agent);

    Optional<AgentRecord> findAgent(String agentId);

    Optional<AgentRecord> findAgentByUsername(String shopId, String username);

    List<AgentRecord> agents(String shopId);

    /**
     * Disables or enables a staff member of the shop and returns them as stored; disabling also raises their
     * token version. {@code not_found} for another shop's or an unknown agent.
     */
    AgentRecord setDisabled(String shopId, String agentId, boolean disabled);

    /** Replaces the password hash and raises the token version; {@code not_found} as {@link #setDisabled}. */
    AgentRecord setPassword(String shopId, String agentId, String passwordHash);

    /** Every staff member who is disabled or whose tokens were revoked once (without their groups). */
    List<AgentRecord> agentsWithRevokedTokens();
}
