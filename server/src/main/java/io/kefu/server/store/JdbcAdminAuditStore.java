package io.kefu.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@link AdminAuditStore} over JDBC (table {@code admin_audit} of {@code V9__staff_audit.sql}). Store threads only. */
public final class JdbcAdminAuditStore implements AdminAuditStore {
    private static final String COLUMNS = "id, shop_id, ts, type, actor_type, actor_id, target, detail, address";

    private final Jdbc jdbc;

    public JdbcAdminAuditStore(Database database) {
        this(database.dataSource());
    }

    public JdbcAdminAuditStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void insert(List<AdminAuditRecord> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.inTransaction("insert admin audit entries", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_audit (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AdminAuditRecord a : entries) {
                    Jdbc.bind(ps, a.id(), a.shopId(), a.ts(), a.type(), a.actorType(), a.actorId(), a.target(),
                            a.detail(), a.address());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<AdminAuditRecord> read(String shopId, long from, long to, List<String> types, int limit) {
        List<Object> params = new ArrayList<>(List.of(shopId, from, to));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM admin_audit WHERE shop_id = ? AND ts >= ? AND ts < ?");
        if (!types.isEmpty()) {
            sql.append(" AND (");
            for (int i = 0; i < types.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("type = ? OR type LIKE ?");
                params.add(types.get(i));
                params.add(types.get(i) + ".%");
            }
            sql.append(')');
        }
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.query("read admin audit entries", sql.toString(), JdbcAdminAuditStore::entry, params.toArray());
    }

    private static AdminAuditRecord entry(ResultSet rs) throws SQLException {
        return new AdminAuditRecord(rs.getString("id"), rs.getString("shop_id"), rs.getLong("ts"), rs.getString("type"),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("target"), rs.getString("detail"),
                rs.getString("address"));
    }
}
