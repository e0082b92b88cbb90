package io.kefu.server.store;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.scripts.Script;
import io.kefu.server.scripts.ScriptLimits;
import io.kefu.server.scripts.ScriptScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link ScriptStore} over JDBC. A shop script's {@code owner_id} is {@code ''} (not NULL) so that the
 * unique constraint on {@code (shop_id, owner_id, shortcut)} also keeps the shop's own shortcuts apart;
 * the checks made under the shop row lock come first only to give a clearer answer. Runs on store
 * threads only (it blocks on the database).
 */
public final class JdbcScriptStore implements ScriptStore {
    private static final String COLUMNS =
            "id, shop_id, scope, owner_id, category, title, shortcut, body, uses, updated_at";
    private static final String SHOP_OWNER = "";
    private static final int BATCH = 500;

    private final Jdbc jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    public JdbcScriptStore(Database database, IdGenerator ids, Clock clock) {
        this(database.dataSource(), ids, clock);
    }

    public JdbcScriptStore(DataSource dataSource, IdGenerator ids, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public List<Script> shopScripts(String shopId) {
        return jdbc.withConnection("list scripts", c -> {
            if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ?", rs -> rs.getString(1), shopId).isEmpty()) {
                throw KefuException.notFound("shop '" + shopId + "' not found");
            }
            return Jdbc.query(c, "SELECT " + COLUMNS + " FROM scripts WHERE shop_id = ?", JdbcScriptStore::script,
                    shopId);
        });
    }

    @Override
    public Optional<Script> find(String shopId, String scriptId) {
        return jdbc.queryOne("find script", "SELECT " + COLUMNS + " FROM scripts WHERE id = ? AND shop_id = ?",
                JdbcScriptStore::script, scriptId, shopId);
    }

    @Override
    public Script create(Script draft, ScriptLimits limits) {
        return jdbc.inTransaction("create script", c -> {
            lockShop(c, draft.shopId());
            long inShop = count(c, "SELECT COUNT(*) FROM scripts WHERE shop_id = ?", draft.shopId());
            if (inShop >= limits.maxPerShop()) {
                throw KefuException.invalidState("shop " + draft.shopId() + " has " + inShop
                        + " scripts, the most it may have (" + limits.maxPerShop() + "); delete some first");
            }
            if (draft.scope() == ScriptScope.PERSONAL && count(c, "SELECT COUNT(*) FROM scripts WHERE shop_id = ?"
                    + " AND owner_id = ?", draft.shopId(), draft.ownerId()) >= limits.maxPersonalPerAgent()) {
                throw KefuException.invalidState("you have " + limits.maxPersonalPerAgent()
                        + " personal scripts, the most one agent may have; delete some first");
            }
            requireFreeShortcut(c, draft, null);
            Script stored = draft.withId(ids.next(), clock.millis()).withUses(0);
            insert(c, stored);
            return stored;
        });
    }

    @Override
    public Script update(Script script) {
        return jdbc.inTransaction("update script", c -> {
            lockShop(c, script.shopId());
            Script before = Jdbc.query(c, "SELECT " + COLUMNS + " FROM scripts WHERE id = ? AND shop_id = ?",
                    JdbcScriptStore::script, script.id(), script.shopId()).stream().findFirst()
                    .orElseThrow(() -> notFound(script.shopId(), script.id()));
            Script changed = new Script(before.id(), before.shopId(), before.scope(), before.ownerId(),
                    script.category(), script.title(), script.shortcut(), script.body(), before.uses(), clock.millis());
            requireFreeShortcut(c, changed, changed.id());
            try {
                Jdbc.update(c, "UPDATE scripts SET category = ?, title = ?, shortcut = ?, body = ?, updated_at = ?"
                                + " WHERE id = ? AND shop_id = ?", changed.category(), changed.title(),
                        changed.shortcut(), changed.body(), changed.updatedAt(), changed.id(), changed.shopId());
            } catch (SQLException e) {
                throw shortcutTakenOr(e, changed);
            }
            return changed;
        });
    }

    @Override
    public boolean delete(String shopId, String scriptId) {
        return jdbc.update("delete script", "DELETE FROM scripts WHERE id = ? AND shop_id = ?", scriptId, shopId) > 0;
    }

    @Override
    public List<ImportOutcome> importShopScripts(String shopId, List<Script> drafts, ScriptLimits limits) {
        return jdbc.inTransaction("import scripts", c -> {
            lockShop(c, shopId);
            long inShop = count(c, "SELECT COUNT(*) FROM scripts WHERE shop_id = ?", shopId);
            Set<List<String>> existing = new HashSet<>();
            Set<String> shortcuts = new HashSet<>();
            for (Script s : Jdbc.query(c, "SELECT " + COLUMNS + " FROM scripts WHERE shop_id = ? AND owner_id = ?",
                    JdbcScriptStore::script, shopId, SHOP_OWNER)) {
                existing.add(sameness(s));
                if (s.shortcut() != null) {
                    shortcuts.add(s.shortcut());
                }
            }
            List<ImportOutcome> outcomes = new ArrayList<>(drafts.size());
            List<Script> toInsert = new ArrayList<>();
            long now = clock.millis();
            for (Script d : drafts) {
                if (d.scope() != ScriptScope.SHOP || !d.shopId().equals(shopId)) {
                    throw new IllegalArgumentException("only shop scripts of shop " + shopId + " are imported");
                }
                ImportOutcome outcome = existing.contains(sameness(d)) ? ImportOutcome.DUPLICATE
                        : d.shortcut() != null && shortcuts.contains(d.shortcut()) ? ImportOutcome.SHORTCUT_TAKEN
                        : inShop >= limits.maxPerShop() ? ImportOutcome.SHOP_FULL
                        : ImportOutcome.IMPORTED;
                outcomes.add(outcome);
                if (outcome == ImportOutcome.IMPORTED) {
                    toInsert.add(d.withId(ids.next(), now).withUses(0));
                    existing.add(sameness(d));
                    if (d.shortcut() != null) {
                        shortcuts.add(d.shortcut());
                    }
                    inShop++;
                }
            }
            insertAll(c, toInsert);
            return outcomes;
        });
    }

    @Override
    public int renameCategory(String shopId, String from, String to) {
        return jdbc.update("rename script category", "UPDATE scripts SET category = ?, updated_at = ?"
                + " WHERE shop_id = ? AND owner_id = ? AND category = ?", to, clock.millis(), shopId, SHOP_OWNER, from);
    }

    @Override
    public void addUses(Map<String, Long> usesById) {
        if (usesById.isEmpty()) {
            return;
        }
        jdbc.inTransaction("count script uses", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scripts SET uses = uses + ? WHERE id = ?")) {
                for (Map.Entry<String, Long> e : usesById.entrySet()) {
                    Jdbc.bind(ps, e.getValue(), e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** What makes an imported row a duplicate of a stored shop script. */
    private static List<String> sameness(Script s) {
        return List.of(s.category(), s.title(), Objects.requireNonNullElse(s.shortcut(), ""), s.body());
    }

    private static void requireFreeShortcut(Connection c, Script s, String exceptId) throws SQLException {
        if (s.shortcut() == null) {
            return;
        }
        List<String> holders = Jdbc.query(c, "SELECT id FROM scripts WHERE shop_id = ? AND owner_id = ?"
                + " AND shortcut = ?", rs -> rs.getString(1), s.shopId(), owner(s), s.shortcut());
        holders.remove(exceptId);
        if (!holders.isEmpty()) {
            throw shortcutTaken(s, holders.get(0));
        }
    }

    private static void insert(Connection c, Script s) throws SQLException {
        try {
            Jdbc.update(c, "INSERT INTO scripts (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params(s));
        } catch (SQLException e) {
            throw shortcutTakenOr(e, s);
        }
    }

    private static void insertAll(Connection c, List<Script> scripts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scripts (" + COLUMNS + ", created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Script s : scripts) {
                Jdbc.bind(ps, params(s));
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static Object[] params(Script s) {
        return new Object[] {s.id(), s.shopId(), s.scope().wire(), owner(s), s.category(), s.title(), s.shortcut(),
            s.body(), s.uses(), s.updatedAt(), s.updatedAt()};
    }

    /**
     * {@code invalid_state} for a unique violation, else {@code e} for the caller to throw. Every write takes
     * the shop lock first, so this is a net: the constraint, not the lock, is what decides.
     */
    private static SQLException shortcutTakenOr(SQLException e, Script s) {
        if (SqlErrors.UNIQUE_VIOLATION.equals(SqlErrors.sqlState(e))) {
            throw shortcutTaken(s, null);
        }
        return e;
    }

    private static KefuException shortcutTaken(Script s, String holder) {
        String where = s.scope() == ScriptScope.SHOP ? "another shop script" : "another of your personal scripts";
        return KefuException.invalidState("shortcut '" + s.shortcut() + "' is already used by " + where
                + (holder == null ? "" : " (" + holder + ")"));
    }

    private static String owner(Script s) {
        return s.ownerId() == null ? SHOP_OWNER : s.ownerId();
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        return Jdbc.query(c, sql, rs -> rs.getLong(1), params).get(0);
    }

    private static void lockShop(Connection c, String shopId) throws SQLException {
        if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ? FOR UPDATE", rs -> rs.getString(1), shopId).isEmpty()) {
            throw KefuException.notFound("shop '" + shopId + "' not found");
        }
    }

    private static KefuException notFound(String shopId, String scriptId) {
        return KefuException.notFound("script '" + scriptId + "' not found in shop " + shopId);
    }

    private static Script script(ResultSet rs) throws SQLException {
        ScriptScope scope = ScriptScope.fromWire(rs.getString("scope")).orElseThrow(() -> new SQLException(
                "scripts.scope holds an unknown scope", "22000"));
        String owner = rs.getString("owner_id");
        return new Script(rs.getString("id"), rs.getString("shop_id"), scope,
                scope == ScriptScope.PERSONAL ? owner : null, rs.getString("category"), rs.getString("title"),
                rs.getString("shortcut"), rs.getString("body"), rs.getLong("uses"), rs.getLong("updated_at"));
    }
}
