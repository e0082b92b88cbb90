package io.kefu.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * {@link KpiStore} over JDBC ({@code kpi_minutes}): batched inserts, and sums in SQL grouped as asked. Runs on store
 * threads and the KPI writer thread only (it blocks on the database).
 */
public final class JdbcKpiStore implements KpiStore {
    private static final String COLUMNS;
    private static final String SUMS;
    private static final String INSERT;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner sums = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (KpiColumn c : KpiColumn.values()) {
            cols.add(c.column());
            sums.add("SUM(" + c.column() + ")");
            marks.add("?");
        }
        COLUMNS = cols.toString();
        SUMS = sums.toString();
        INSERT = "INSERT INTO kpi_minutes (shop_id, epoch_minute, group_id, agent_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, "
                + marks + ")";
    }

    private final Jdbc jdbc;

    public JdbcKpiStore(Database database) {
        this(database.dataSource());
    }

    public JdbcKpiStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void add(Collection<KpiRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.inTransaction("add kpi rollups", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (KpiRow r : rows) {
                    ps.setString(1, r.shopId());
                    ps.setLong(2, r.minute());
                    ps.setString(3, r.groupId() == null ? "" : r.groupId());
                    ps.setString(4, r.agentId() == null ? "" : r.agentId());
                    for (int i = 0; i < r.values().length; i++) {
                        ps.setLong(5 + i, r.values()[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<KpiRow> sums(String shopId, long fromMinute, long toMinute, GroupBy by, String agentId) {
        String key = switch (by) {
            case SHOP -> "";
            case GROUP -> "group_id";
            case AGENT -> "agent_id";
            case QUARTER -> "epoch_minute - MOD(epoch_minute, 15)";
        };
        StringBuilder sql = new StringBuilder("SELECT ").append(key.isEmpty() ? "" : key + " AS k, ").append(SUMS)
                .append(" FROM kpi_minutes WHERE shop_id = ? AND epoch_minute >= ? AND epoch_minute < ?");
        List<Object> params = new ArrayList<>(List.of(shopId, fromMinute, toMinute));
        if (agentId != null) {
            sql.append(" AND agent_id = ?");
            params.add(agentId);
        } else if (by == GroupBy.SHOP || by == GroupBy.QUARTER) {
            sql.append(" AND group_id = ? AND agent_id = ?"); // the shop's total rows: one a minute
            params.add(KpiRow.ALL);
            params.add(KpiRow.ALL);
        } else if (by == GroupBy.GROUP) {
            sql.append(" AND group_id <> ?");
            params.add(KpiRow.ALL);
        } else {
            sql.append(" AND agent_id <> '' AND agent_id <> ?");
            params.add(KpiRow.ALL);
        }
        if (!key.isEmpty()) {
            sql.append(" GROUP BY ").append(key).append(" ORDER BY k");
        }
        return jdbc.query("sum kpi rollups", sql.toString(), rs -> row(rs, shopId, by), params.toArray());
    }

    private static KpiRow row(ResultSet rs, String shopId, GroupBy by) throws SQLException {
        int first = by == GroupBy.SHOP ? 1 : 2;
        long[] values = new long[KpiColumn.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rs.getLong(first + i); // SUM over no rows is NULL: read as 0
        }
        return switch (by) {
            case SHOP -> new KpiRow(shopId, 0, "", "", values);
            case GROUP -> new KpiRow(shopId, 0, rs.getString(1), "", values);
            case AGENT -> new KpiRow(shopId, 0, "", rs.getString(1), values);
            case QUARTER -> new KpiRow(shopId, rs.getLong(1), "", "", values);
        };
    }
}
