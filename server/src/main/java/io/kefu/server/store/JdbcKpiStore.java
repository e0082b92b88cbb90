package io.kefu.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * {@link KpiStore} over JDBC ({@code kpi_minutes}, {@code kpi_hours}, {@code kpi_days}): a batch is inserted as
 * minute rows and added to its hour and day rows (an update, then an insert of the rows not there yet) in one
 * transaction; sums in SQL grouped as asked. Two writers adding the same new hour at once (two nodes) make one of
 * them fail on the key and try again, as the KPI writer does with a refused batch. Runs on store threads and the KPI
 * writer thread only (it blocks on the database).
 */
public final class JdbcKpiStore implements KpiStore {
    private static final String COLUMNS;
    private static final String SUMS;
    private static final String MARKS;
    private static final String ADD_TO;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner sums = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        StringJoiner addTo = new StringJoiner(", ");
        for (KpiColumn c : KpiColumn.values()) {
            cols.add(c.column());
            sums.add("SUM(" + c.column() + ")");
            marks.add("?");
            addTo.add(c.column() + " = " + c.column() + " + ?");
        }
        COLUMNS = cols.toString();
        SUMS = sums.toString();
        MARKS = marks.toString();
        ADD_TO = addTo.toString();
    }

    private record Key(String shopId, long cell, String groupId, String agentId) {
    }

    private final Jdbc jdbc;

    public JdbcKpiStore(Database database) {
        this(database.dataSource());
    }

    public JdbcKpiStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    private static String table(Grain g) {
        return switch (g) {
            case MINUTE -> "kpi_minutes";
            case HOUR -> "kpi_hours";
            case DAY -> "kpi_days";
        };
    }

    private static String cell(Grain g) {
        return switch (g) {
            case MINUTE -> "epoch_minute";
            case HOUR -> "epoch_hour";
            case DAY -> "epoch_day";
        };
    }

    private static String insert(Grain g) {
        return "INSERT INTO " + table(g) + " (shop_id, " + cell(g) + ", group_id, agent_id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, " + MARKS + ")";
    }

    @Override
    public void add(Collection<KpiRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<Key, long[]> hours = fold(rows, Grain.HOUR);
        Map<Key, long[]> days = fold(rows, Grain.DAY);
        jdbc.inTransaction("add kpi rollups", c -> {
            try (PreparedStatement ps = c.prepareStatement(insert(Grain.MINUTE))) {
                for (KpiRow r : rows) {
                    bind(ps, new Key(r.shopId(), r.minute(), orNone(r.groupId()), orNone(r.agentId())), r.values());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            addTo(c, Grain.HOUR, hours);
            addTo(c, Grain.DAY, days);
            return null;
        });
    }

    private static String orNone(String id) {
        return id == null ? "" : id;
    }

    /** The rows summed by the cell of {@code g} that holds their minute. */
    private static Map<Key, long[]> fold(Collection<KpiRow> rows, Grain g) {
        Map<Key, long[]> cells = new LinkedHashMap<>();
        for (KpiRow r : rows) {
            Key k = new Key(r.shopId(), Math.floorDiv(r.minute(), g.minutes()), orNone(r.groupId()),
                    orNone(r.agentId()));
            long[] sum = cells.computeIfAbsent(k, x -> new long[KpiColumn.count()]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += r.values()[i];
            }
        }
        return cells;
    }

    /** Adds to the rows there are, then inserts the others. */
    private static void addTo(Connection c, Grain g, Map<Key, long[]> cells) throws SQLException {
        List<Map.Entry<Key, long[]>> entries = new ArrayList<>(cells.entrySet());
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table(g) + " SET " + ADD_TO
                + " WHERE shop_id = ? AND group_id = ? AND agent_id = ? AND " + cell(g) + " = ?")) {
            for (Map.Entry<Key, long[]> e : entries) {
                long[] v = e.getValue();
                for (int i = 0; i < v.length; i++) {
                    ps.setLong(1 + i, v[i]);
                }
                Key k = e.getKey();
                ps.setString(v.length + 1, k.shopId());
                ps.setString(v.length + 2, k.groupId());
                ps.setString(v.length + 3, k.agentId());
                ps.setLong(v.length + 4, k.cell());
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(insert(g))) {
            boolean any = false;
            for (int i = 0; i < entries.size(); i++) {
                if (updated[i] < 0) {
                    throw new SQLException("the driver did not say whether a KPI rollup row was updated ("
                            + updated[i] + ")");
                }
                if (updated[i] == 0) {
                    bind(ps, entries.get(i).getKey(), entries.get(i).getValue());
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, Key k, long[] values) throws SQLException {
        ps.setString(1, k.shopId());
        ps.setLong(2, k.cell());
        ps.setString(3, k.groupId());
        ps.setString(4, k.agentId());
        for (int i = 0; i < values.length; i++) {
            ps.setLong(5 + i, values[i]);
        }
    }

    @Override
    public List<KpiRow> sums(String shopId, Grain grain, long fromMinute, long toMinute, GroupBy by, String agentId) {
        int n = grain.minutes();
        if (Math.floorMod(fromMinute, n) != 0 || Math.floorMod(toMinute, n) != 0) {
            throw new IllegalArgumentException("kpi sums: " + fromMinute + ".." + toMinute + " are not whole cells of "
                    + grain);
        }
        if (by == GroupBy.QUARTER && grain != Grain.MINUTE) {
            throw new IllegalArgumentException("kpi sums: quarter hours are made from minutes only, not " + grain);
        }
        String cell = cell(grain);
        String key = switch (by) {
            case SHOP -> "";
            case GROUP -> "group_id";
            case AGENT -> "agent_id";
            case TIME -> cell;
            case QUARTER -> cell + " - MOD(" + cell + ", 15)";
        };
        StringBuilder sql = new StringBuilder("SELECT ").append(key.isEmpty() ? "" : key + " AS k, ").append(SUMS)
                .append(" FROM ").append(table(grain)).append(" WHERE shop_id = ? AND ").append(cell)
                .append(" >= ? AND ").append(cell).append(" < ?");
        List<Object> params = new ArrayList<>(List.of(shopId, fromMinute / n, toMinute / n));
        if (agentId != null) {
            sql.append(" AND agent_id = ?");
            params.add(agentId);
        } else if (by == GroupBy.SHOP || by == GroupBy.TIME || by == GroupBy.QUARTER) {
            sql.append(" AND group_id = ? AND agent_id = ?"); // the shop's total rows: one a cell
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
        return jdbc.query("sum kpi rollups", sql.toString(), rs -> row(rs, shopId, by, n), params.toArray());
    }

    private static KpiRow row(ResultSet rs, String shopId, GroupBy by, int cellMinutes) throws SQLException {
        int first = by == GroupBy.SHOP ? 1 : 2;
        long[] values = new long[KpiColumn.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rs.getLong(first + i); // SUM over no rows is NULL: read as 0
        }
        return switch (by) {
            case SHOP -> new KpiRow(shopId, 0, "", "", values);
            case GROUP -> new KpiRow(shopId, 0, rs.getString(1), "", values);
            case AGENT -> new KpiRow(shopId, 0, "", rs.getString(1), values);
            case TIME -> new KpiRow(shopId, rs.getLong(1) * cellMinutes, "", "", values);
            case QUARTER -> new KpiRow(shopId, rs.getLong(1), "", "", values);
        };
    }
}
