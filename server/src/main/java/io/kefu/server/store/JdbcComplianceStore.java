package io.kefu.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ComplianceStore} over JDBC (tables of {@code V4__compliance.sql}). Runs on store threads only. */
public final class JdbcComplianceStore implements ComplianceStore {
    private static final String RULE_COLUMNS =
            "id, shop_id, name, type, pattern, variants, action, applies_to, created_at";
    private static final String AUDIT_COLUMNS =
            "id, shop_id, ts, actor_type, actor_id, conv_id, rule_id, rule_name, action, excerpt";

    private final Jdbc jdbc;

    public JdbcComplianceStore(Database database) {
        this(database.dataSource());
    }

    public JdbcComplianceStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<RuleRecord> platformRules() {
        return jdbc.query("read platform rules", "SELECT " + RULE_COLUMNS
                + " FROM compliance_rules WHERE shop_id IS NULL ORDER BY created_at, id", JdbcComplianceStore::rule);
    }

    @Override
    public List<RuleRecord> shopRules(String shopId) {
        return jdbc.query("read shop rules", "SELECT " + RULE_COLUMNS
                        + " FROM compliance_rules WHERE shop_id = ? ORDER BY created_at, id",
                JdbcComplianceStore::rule, shopId);
    }

    @Override
    public int countRules(String shopId) {
        String where = shopId == null ? "shop_id IS NULL" : "shop_id = ?";
        Object[] params = shopId == null ? new Object[0] : new Object[] {shopId};
        return jdbc.queryOne("count rules", "SELECT COUNT(*) AS n FROM compliance_rules WHERE " + where,
                rs -> rs.getInt("n"), params).orElse(0);
    }

    @Override
    public void insertRule(RuleRecord r) {
        jdbc.update("insert rule",
                "INSERT INTO compliance_rules (" + RULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.shopId(), r.name(), r.type(), r.pattern(), String.join("\n", r.variants()), r.action(),
                String.join(",", r.appliesTo()), r.createdAt());
    }

    @Override
    public Optional<RuleRecord> findRule(String ruleId) {
        return jdbc.queryOne("find rule", "SELECT " + RULE_COLUMNS + " FROM compliance_rules WHERE id = ?",
                JdbcComplianceStore::rule, ruleId);
    }

    @Override
    public boolean deleteRule(String ruleId) {
        return jdbc.update("delete rule", "DELETE FROM compliance_rules WHERE id = ?", ruleId) > 0;
    }

    @Override
    public void insertAudit(List<AuditRecord> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.inTransaction("insert audit entries", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO compliance_audit (" + AUDIT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AuditRecord a : entries) {
                    Jdbc.bind(ps, a.id(), a.shopId(), a.ts(), a.actorType(), a.actorId(), a.conv(), a.ruleId(),
                            a.ruleName(), a.action(), a.excerpt());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<AuditRecord> audit(String shopId, long from, long to, int limit) {
        return jdbc.query("read audit entries", "SELECT " + AUDIT_COLUMNS + " FROM compliance_audit"
                        + " WHERE shop_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT ?",
                JdbcComplianceStore::audit, shopId, from, to, limit);
    }

    private static RuleRecord rule(ResultSet rs) throws SQLException {
        String variants = rs.getString("variants");
        return new RuleRecord(rs.getString("id"), rs.getString("shop_id"), rs.getString("name"), rs.getString("type"),
                rs.getString("pattern"), variants.isEmpty() ? List.of() : Arrays.asList(variants.split("\n")),
                rs.getString("action"), Arrays.asList(rs.getString("applies_to").split(",")), rs.getLong("created_at"));
    }

    private static AuditRecord audit(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getString("id"), rs.getString("shop_id"), rs.getLong("ts"),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("conv_id"), rs.getString("rule_id"),
                rs.getString("rule_name"), rs.getString("action"), rs.getString("excerpt"));
    }
}
