package io.kefu.server.store;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.settings.GroupStrategy;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.settings.SettingsJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** {@link ShopStore} over JDBC. Runs on store threads only (it blocks on the database). */
public final class JdbcShopStore implements ShopStore {
    private static final String GROUP_COLUMNS =
            "id, shop_id, name, is_default, entry_types, overflow_to, overflow_after_sec, strategy";
    private static final String AGENT_COLUMNS =
            "id, shop_id, username, password_hash, name, role, max_concurrent, shifts, disabled, token_version";

    private final Jdbc jdbc;
    private final IdGenerator ids;

    public JdbcShopStore(Database database, IdGenerator ids) {
        this(database.dataSource(), ids);
    }

    public JdbcShopStore(DataSource dataSource, IdGenerator ids) {
        this.jdbc = new Jdbc(dataSource);
        this.ids = ids;
    }

    @Override
    public ShopRecord createShop(String name) {
        ShopRecord shop = new ShopRecord(ids.next(), name, System.currentTimeMillis());
        jdbc.update("create shop", "INSERT INTO shops (id, name, created_at) VALUES (?, ?, ?)",
                shop.id(), shop.name(), shop.createdAt());
        return shop;
    }

    @Override
    public Optional<ShopRecord> findShop(String shopId) {
        return jdbc.queryOne("find shop", "SELECT id, name, created_at FROM shops WHERE id = ?",
                rs -> new ShopRecord(rs.getString("id"), rs.getString("name"), rs.getLong("created_at")),
                shopId);
    }

    @Override
    public Optional<ShopRecord> findShopByName(String name) {
        // Two rows are enough to know the name is ambiguous.
        List<ShopRecord> found = jdbc.query("find shop by name",
                "SELECT id, name, created_at FROM shops WHERE name = ? ORDER BY id FETCH FIRST 2 ROWS ONLY",
                rs -> new ShopRecord(rs.getString("id"), rs.getString("name"), rs.getLong("created_at")), name);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    @Override
    public GroupRecord createGroup(GroupRecord group) {
        return jdbc.inTransaction("create group", c -> {
            // The shop row lock serialises group creation per shop, so two concurrent first groups
            // cannot both become the default.
            lockShop(c, group.shopId());
            List<GroupRecord> existing = Jdbc.query(c, "SELECT " + GROUP_COLUMNS
                    + " FROM skill_groups WHERE shop_id = ?", JdbcShopStore::group, group.shopId());
            requireGroupOfShop(existing, group.overflowTo(), group.shopId());
            boolean isDefault = group.isDefault() || existing.isEmpty();
            if (isDefault && !existing.isEmpty()) {
                Jdbc.update(c, "UPDATE skill_groups SET is_default = FALSE WHERE shop_id = ? AND is_default",
                        group.shopId());
            }
            GroupRecord stored = new GroupRecord(ids.next(), group.shopId(), group.name(), isDefault,
                    group.entryTypes(), group.overflowTo(), group.overflowAfterSec(), group.strategy());
            Jdbc.update(c, "INSERT INTO skill_groups (" + GROUP_COLUMNS + ", created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    stored.id(), stored.shopId(), stored.name(), stored.isDefault(),
                    String.join(",", stored.entryTypes()), stored.overflowTo(), stored.overflowAfterSec(),
                    stored.strategy().wire(), System.currentTimeMillis());
            return stored;
        });
    }

    @Override
    public GroupRecord updateGroup(GroupRecord group) {
        return jdbc.inTransaction("update group", c -> {
            lockShop(c, group.shopId());
            List<GroupRecord> existing = Jdbc.query(c, "SELECT " + GROUP_COLUMNS
                    + " FROM skill_groups WHERE shop_id = ?", JdbcShopStore::group, group.shopId());
            GroupRecord before = existing.stream().filter(g -> g.id().equals(group.id())).findFirst()
                    .orElseThrow(() -> KefuException.notFound("group '" + group.id() + "' not found in shop "
                            + group.shopId()));
            requireGroupOfShop(existing, group.overflowTo(), group.shopId());
            if (group.id().equals(group.overflowTo())) {
                throw KefuException.badRequest("field 'overflowTo' must name another group, not the group itself");
            }
            if (existing.stream().anyMatch(g -> !g.id().equals(group.id()) && g.name().equals(group.name()))) {
                throw KefuException.invalidState("shop " + group.shopId() + " already has a group named '"
                        + group.name() + "'");
            }
            if (before.isDefault() && !group.isDefault()) {
                throw KefuException.invalidState("group '" + group.id() + "' is the shop's default; make another "
                        + "group the default instead (isDefault: true on it)");
            }
            if (group.isDefault() && !before.isDefault()) {
                Jdbc.update(c, "UPDATE skill_groups SET is_default = FALSE WHERE shop_id = ? AND is_default",
                        group.shopId());
            }
            Jdbc.update(c, "UPDATE skill_groups SET name = ?, is_default = ?, entry_types = ?, overflow_to = ?,"
                            + " overflow_after_sec = ?, strategy = ? WHERE id = ?",
                    group.name(), group.isDefault(), String.join(",", group.entryTypes()), group.overflowTo(),
                    group.overflowAfterSec(), group.strategy().wire(), group.id());
            return group;
        });
    }

    @Override
    public AgentRecord updateAgent(AgentRecord agent) {
        return jdbc.inTransaction("update agent", c -> {
            Set<String> groupIds = lockShopAndCheckGroups(c, agent);
            int updated = Jdbc.update(c, "UPDATE agents SET password_hash = ?, name = ?, role = ?, max_concurrent = ?,"
                            + " shifts = ? WHERE id = ? AND shop_id = ?",
                    agent.passwordHash(), agent.name(), agent.role().wire(), agent.maxConcurrent(),
                    SettingsJson.toStored(agent.shifts()), agent.id(), agent.shopId());
            if (updated == 0) {
                throw KefuException.notFound("agent '" + agent.id() + "' not found in shop " + agent.shopId());
            }
            Jdbc.update(c, "DELETE FROM agent_groups WHERE agent_id = ?", agent.id());
            for (String groupId : groupIds) {
                Jdbc.update(c, "INSERT INTO agent_groups (agent_id, group_id) VALUES (?, ?)", agent.id(), groupId);
            }
            return agent.withGroups(List.copyOf(groupIds));
        });
    }

    @Override
    public RoutingSettings routingSettings(String shopId) {
        return jdbc.queryOne("read routing settings", "SELECT routing FROM shops WHERE id = ?",
                        rs -> SettingsJson.fromStored(rs.getString(1)), shopId)
                .orElseThrow(() -> KefuException.notFound("shop '" + shopId + "' not found"));
    }

    @Override
    public void saveRoutingSettings(String shopId, RoutingSettings settings) {
        int updated = jdbc.update("save routing settings", "UPDATE shops SET routing = ? WHERE id = ?",
                SettingsJson.toStored(settings), shopId);
        if (updated == 0) {
            throw KefuException.notFound("shop '" + shopId + "' not found");
        }
    }

    @Override
    public List<GroupRecord> groups(String shopId) {
        return jdbc.query("list groups", "SELECT " + GROUP_COLUMNS
                + " FROM skill_groups WHERE shop_id = ? ORDER BY created_at, id", JdbcShopStore::group, shopId);
    }

    @Override
    public AgentRecord createAgent(AgentRecord agent) {
        return jdbc.inTransaction("create agent", c -> {
            Set<String> groupIds = lockShopAndCheckGroups(c, agent);
            AgentRecord stored = new AgentRecord(ids.next(), agent.shopId(), agent.username(),
                    agent.passwordHash(), agent.name(), agent.role(), agent.maxConcurrent(),
                    List.copyOf(groupIds), agent.shifts(), false, 0);
            insertAgent(c, stored);
            for (String groupId : groupIds) {
                Jdbc.update(c, "INSERT INTO agent_groups (agent_id, group_id) VALUES (?, ?)",
                        stored.id(), groupId);
            }
            return stored;
        });
    }

    @Override
    public Optional<AgentRecord> findAgent(String agentId) {
        return jdbc.withConnection("find agent", c -> withGroups(c,
                Jdbc.query(c, "SELECT " + AGENT_COLUMNS + " FROM agents WHERE id = ?", JdbcShopStore::agent,
                        agentId))).stream().findFirst();
    }

    @Override
    public Optional<AgentRecord> findAgentByUsername(String shopId, String username) {
        return jdbc.withConnection("find agent", c -> withGroups(c,
                Jdbc.query(c, "SELECT " + AGENT_COLUMNS + " FROM agents WHERE shop_id = ? AND username = ?",
                        JdbcShopStore::agent, shopId, username))).stream().findFirst();
    }

    @Override
    public List<AgentRecord> agents(String shopId) {
        return jdbc.withConnection("list agents", c -> withGroups(c,
                Jdbc.query(c, "SELECT " + AGENT_COLUMNS + " FROM agents WHERE shop_id = ? ORDER BY username",
                        JdbcShopStore::agent, shopId)));
    }

    @Override
    public AgentRecord setDisabled(String shopId, String agentId, boolean disabled) {
        // Disabling also retires every token issued so far; enabling does not bring them back.
        int updated = jdbc.update("disable agent", "UPDATE agents SET disabled = ?, token_version = token_version + ?"
                + " WHERE id = ? AND shop_id = ?", disabled, disabled ? 1 : 0, agentId, shopId);
        return reread(updated, shopId, agentId);
    }

    @Override
    public AgentRecord setPassword(String shopId, String agentId, String passwordHash) {
        int updated = jdbc.update("set password", "UPDATE agents SET password_hash = ?, token_version = token_version + 1"
                + " WHERE id = ? AND shop_id = ?", passwordHash, agentId, shopId);
        return reread(updated, shopId, agentId);
    }

    private AgentRecord reread(int updated, String shopId, String agentId) {
        return (updated == 0 ? Optional.<AgentRecord>empty() : findAgent(agentId))
                .orElseThrow(() -> KefuException.notFound("agent '" + agentId + "' not found in shop " + shopId));
    }

    @Override
    public List<AgentRecord> agentsWithRevokedTokens() {
        return jdbc.query("list revoked staff", "SELECT " + AGENT_COLUMNS
                + " FROM agents WHERE disabled OR token_version > 0", JdbcShopStore::agent);
    }

    /** Locks the shop row and checks that every group of the staff member is the shop's; their ids, once each. */
    private static Set<String> lockShopAndCheckGroups(Connection c, AgentRecord agent) throws SQLException {
        lockShop(c, agent.shopId());
        Set<String> groupIds = new LinkedHashSet<>(agent.groupIds());
        List<GroupRecord> shopGroups = Jdbc.query(c, "SELECT " + GROUP_COLUMNS
                + " FROM skill_groups WHERE shop_id = ?", JdbcShopStore::group, agent.shopId());
        for (String groupId : groupIds) {
            requireGroupOfShop(shopGroups, groupId, agent.shopId());
        }
        return groupIds;
    }

    private static void lockShop(Connection c, String shopId) throws SQLException {
        List<String> found = Jdbc.query(c, "SELECT id FROM shops WHERE id = ? FOR UPDATE",
                rs -> rs.getString(1), shopId);
        if (found.isEmpty()) {
            throw KefuException.notFound("shop '" + shopId + "' not found");
        }
    }

    private static void requireGroupOfShop(List<GroupRecord> shopGroups, String groupId, String shopId) {
        if (groupId != null && shopGroups.stream().noneMatch(g -> g.id().equals(groupId))) {
            throw KefuException.notFound("group '" + groupId + "' not found in shop " + shopId);
        }
    }

    private static void insertAgent(Connection c, AgentRecord a) throws SQLException {
        try {
            Jdbc.update(c, "INSERT INTO agents (" + AGENT_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.id(), a.shopId(), a.username(), a.passwordHash(), a.name(), a.role().wire(),
                    a.maxConcurrent(), SettingsJson.toStored(a.shifts()), a.disabled(), a.tokenVersion(),
                    System.currentTimeMillis());
        } catch (SQLException e) {
            // The shop lock makes a race unlikely, but the unique constraint is what decides.
            if (SqlErrors.UNIQUE_VIOLATION.equals(SqlErrors.sqlState(e))) {
                throw new KefuException(ErrorCode.INVALID_STATE, "username '" + a.username()
                        + "' is already taken in shop " + a.shopId());
            }
            throw e;
        }
    }

    /** The agents with their group ids, read with one query for all of them. */
    private static List<AgentRecord> withGroups(Connection c, List<AgentRecord> agents) throws SQLException {
        if (agents.isEmpty()) {
            return agents;
        }
        Map<String, List<String>> groupsByAgent = new HashMap<>();
        String sql = agents.size() == 1
                ? "SELECT agent_id, group_id FROM agent_groups WHERE agent_id = ? ORDER BY group_id"
                : "SELECT ag.agent_id, ag.group_id FROM agent_groups ag JOIN agents a ON a.id = ag.agent_id"
                        + " WHERE a.shop_id = ? ORDER BY ag.group_id";
        String key = agents.size() == 1 ? agents.get(0).id() : agents.get(0).shopId();
        for (String[] row : Jdbc.query(c, sql, rs -> new String[] {rs.getString(1), rs.getString(2)}, key)) {
            groupsByAgent.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        List<AgentRecord> result = new ArrayList<>(agents.size());
        for (AgentRecord a : agents) {
            result.add(a.withGroups(groupsByAgent.getOrDefault(a.id(), List.of())));
        }
        return result;
    }

    private static GroupRecord group(ResultSet rs) throws SQLException {
        String types = rs.getString("entry_types");
        List<String> entryTypes = types == null || types.isEmpty() ? List.of() : Arrays.asList(types.split(","));
        return new GroupRecord(rs.getString("id"), rs.getString("shop_id"), rs.getString("name"),
                rs.getBoolean("is_default"), entryTypes, rs.getString("overflow_to"),
                rs.getInt("overflow_after_sec"), GroupStrategy.fromWire(rs.getString("strategy"))
                        .orElse(GroupStrategy.LEAST_BUSY));
    }

    private static AgentRecord agent(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        Role parsed = Role.fromWire(role);
        if (parsed == null) {
            throw new IllegalStateException("agent " + rs.getString("id") + " has an unknown role '" + role + "'");
        }
        return new AgentRecord(rs.getString("id"), rs.getString("shop_id"), rs.getString("username"),
                rs.getString("password_hash"), rs.getString("name"), parsed, rs.getInt("max_concurrent"),
                List.of(), SettingsJson.hoursFromStored(rs.getString("shifts")), rs.getBoolean("disabled"),
                rs.getInt("token_version"));
    }
}
