package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.kefu.server.store.Database.Dialect;
import io.kefu.server.store.KpiStore.Grain;
import io.kefu.server.store.KpiStore.GroupBy;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The V6 and V11 migrations and {@link JdbcKpiStore} on H2 and on embedded PostgreSQL: rows add up, cut every way, at
 * every grain; hours and days are one row per key that later batches add to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcKpiStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private static KpiRow row(String shop, long minute, String group, String agent, KpiColumn c, long v) {
        long[] values = new long[KpiColumn.count()];
        values[c.ordinal()] = v;
        values[KpiColumn.W15.ordinal()] = 1;
        return new KpiRow(shop, minute, group, agent, values);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rowsAreSummedByShopGroupAgentAndQuarterWithinTheRange(Dialect d) {
        KpiStore store = new JdbcKpiStore(databases.get(d));
        String shop = "s-" + UUID.randomUUID();
        long m = 29_000_010; // a multiple of 15
        store.add(List.of(
                row(shop, m, "g1", "a1", KpiColumn.NEED_MSGS, 2),
                row(shop, m, "g1", "a1", KpiColumn.NEED_MSGS, 3), // a later correction of the same minute
                row(shop, m + 14, "g2", "a2", KpiColumn.NEED_MSGS, 5),
                row(shop, m + 15, "g1", "", KpiColumn.OPENED, 7),
                row(shop, m, KpiRow.ALL, KpiRow.ALL, KpiColumn.NEED_MSGS, 5), // the shop's total rows
                row(shop, m, KpiRow.ALL, KpiRow.ALL, KpiColumn.NEED_MSGS, 5),
                row(shop, m + 15, KpiRow.ALL, KpiRow.ALL, KpiColumn.OPENED, 7),
                row(shop, m + 30, "g1", "a1", KpiColumn.NEED_MSGS, 100), // outside the range below
                row("other-" + shop, m, "g1", "a1", KpiColumn.NEED_MSGS, 1000)));

        List<KpiRow> all = store.sums(shop, Grain.MINUTE, m, m + 30, GroupBy.SHOP, null);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get(KpiColumn.NEED_MSGS)).isEqualTo(10);
        assertThat(all.get(0).get(KpiColumn.OPENED)).isEqualTo(7);
        assertThat(all.get(0).get(KpiColumn.W15)).isEqualTo(3);

        assertThat(store.sums(shop, Grain.MINUTE, m, m + 30, GroupBy.GROUP, null))
                .extracting(KpiRow::groupId, r -> r.get(KpiColumn.NEED_MSGS))
                .containsExactly(tuple("g1", 5L), tuple("g2", 5L));
        assertThat(store.sums(shop, Grain.MINUTE, m, m + 30, GroupBy.AGENT, null)) // no row of no agent
                .extracting(KpiRow::agentId).containsExactly("a1", "a2");
        assertThat(store.sums(shop, Grain.MINUTE, m, m + 30, GroupBy.QUARTER, null))
                .extracting(KpiRow::minute, r -> r.get(KpiColumn.NEED_MSGS))
                .containsExactly(tuple(m, 10L), tuple(m + 15, 0L));
        assertThat(store.sums(shop, Grain.MINUTE, m, m + 15, GroupBy.TIME, null))
                .extracting(KpiRow::minute, r -> r.get(KpiColumn.NEED_MSGS))
                .containsExactly(tuple(m, 10L));
        List<KpiRow> a2 = store.sums(shop, Grain.MINUTE, m, m + 31, GroupBy.SHOP, "a2");
        assertThat(a2.get(0).get(KpiColumn.NEED_MSGS)).isEqualTo(5);
        List<KpiRow> none = store.sums(shop, Grain.MINUTE, m + 100, m + 200, GroupBy.SHOP, null);
        assertThat(none).hasSize(1);
        assertThat(none.get(0).values()).containsOnly(0L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void eachBatchIsAddedToItsUtcHoursAndDaysOneRowPerKey(Dialect d) {
        KpiStore store = new JdbcKpiStore(databases.get(d));
        String shop = "s-" + UUID.randomUUID();
        long day = 20_000 * 1_440L; // a UTC midnight
        store.add(List.of(
                row(shop, day + 59, "g1", "a1", KpiColumn.NEED_MSGS, 2),
                row(shop, day + 60, "g1", "a1", KpiColumn.NEED_MSGS, 3),
                row(shop, day + 60, KpiRow.ALL, KpiRow.ALL, KpiColumn.NEED_MSGS, 3),
                row(shop, day + 1_440, "g2", "a1", KpiColumn.OPENED, 1)));
        store.add(List.of( // a later batch: adds to the hours and days there are, makes the others
                row(shop, day + 61, "g1", "a1", KpiColumn.NEED_MSGS, 10),
                row(shop, day + 61, "g1", "a2", KpiColumn.NEED_MSGS, 20),
                row(shop, day + 119, KpiRow.ALL, KpiRow.ALL, KpiColumn.NEED_MSGS, 30)));

        assertThat(store.sums(shop, Grain.HOUR, day, day + 180, GroupBy.AGENT, null))
                .extracting(KpiRow::agentId, r -> r.get(KpiColumn.NEED_MSGS), r -> r.get(KpiColumn.W15))
                .containsExactly(tuple("a1", 15L, 3L), tuple("a2", 20L, 1L));
        assertThat(store.sums(shop, Grain.HOUR, day + 60, day + 120, GroupBy.GROUP, null))
                .extracting(KpiRow::groupId, r -> r.get(KpiColumn.NEED_MSGS)).containsExactly(tuple("g1", 33L));
        assertThat(store.sums(shop, Grain.HOUR, day, day + 120, GroupBy.TIME, null))
                .extracting(KpiRow::minute, r -> r.get(KpiColumn.NEED_MSGS)).containsExactly(tuple(day + 60, 33L));
        assertThat(store.sums(shop, Grain.DAY, day, day + 2 * 1_440, GroupBy.GROUP, null))
                .extracting(KpiRow::groupId, r -> r.get(KpiColumn.NEED_MSGS), r -> r.get(KpiColumn.OPENED))
                .containsExactly(tuple("g1", 35L, 0L), tuple("g2", 0L, 1L));
        assertThat(store.sums(shop, Grain.DAY, day, day + 2 * 1_440, GroupBy.TIME, null))
                .extracting(KpiRow::minute, r -> r.get(KpiColumn.NEED_MSGS)).containsExactly(tuple(day, 33L));
        assertThat(store.sums(shop, Grain.DAY, day, day + 1_440, GroupBy.SHOP, "a1").get(0).get(KpiColumn.NEED_MSGS))
                .isEqualTo(15);
        assertThat(rowCount(d, "kpi_hours", shop)).isEqualTo(5); // a1 x2 hours, a2, '*', a1 in g2
        assertThat(rowCount(d, "kpi_days", shop)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRangeThatIsNotWholeCellsIsRefused(Dialect d) {
        KpiStore store = new JdbcKpiStore(databases.get(d));
        assertThatThrownBy(() -> store.sums("s", Grain.HOUR, 30, 120, GroupBy.SHOP, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOUR");
        assertThatThrownBy(() -> store.sums("s", Grain.DAY, 0, 60, GroupBy.SHOP, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void v11FillsTheHoursAndDaysFromTheMinutesStoredBeforeIt() throws Exception {
        // given: a database at V10 with minute rows in two hours of two days
        String url = "jdbc:h2:mem:v11-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                .target("10").load().migrate();
        long day = 20_000 * 1_440L;
        try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
             var ps = c.prepareStatement("INSERT INTO kpi_minutes (shop_id, epoch_minute, group_id, agent_id,"
                     + " need_msgs, refunds) VALUES ('s1', ?, ?, ?, ?, 1)")) {
            Object[][] rows = {{day + 5, "g1", "a1", 2}, {day + 59, "g1", "a1", 3}, {day + 59, "g1", "a1", 4},
                {day + 60, "g1", "a1", 5}, {day + 1_440, "*", "*", 6}};
            for (Object[] r : rows) {
                ps.setLong(1, (Long) r[0]);
                ps.setString(2, (String) r[1]);
                ps.setString(3, (String) r[2]);
                ps.setLong(4, (Integer) r[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }

        // when: the server starts on it
        try (Database db = new Database(url, "sa", "", 2)) {
            KpiStore store = new JdbcKpiStore(db);

            // then
            assertThat(store.sums("s1", Grain.HOUR, day, day + 120, GroupBy.AGENT, null))
                    .extracting(KpiRow::agentId, r -> r.get(KpiColumn.NEED_MSGS), r -> r.get(KpiColumn.REFUNDS))
                    .containsExactly(tuple("a1", 14L, 4L));
            assertThat(store.sums("s1", Grain.HOUR, day, day + 60, GroupBy.AGENT, null).get(0)
                    .get(KpiColumn.NEED_MSGS)).isEqualTo(9);
            assertThat(store.sums("s1", Grain.DAY, day, day + 2 * 1_440, GroupBy.TIME, null))
                    .extracting(KpiRow::minute, r -> r.get(KpiColumn.NEED_MSGS)).containsExactly(tuple(day + 1_440, 6L));
            assertThat(store.sums("s1", Grain.DAY, day, day + 1_440, GroupBy.GROUP, null))
                    .extracting(KpiRow::groupId, r -> r.get(KpiColumn.NEED_MSGS)).containsExactly(tuple("g1", 14L));
        }
    }

    private long rowCount(Dialect d, String table, String shop) {
        try (var c = databases.get(d).dataSource().getConnection();
             var ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE shop_id = ?")) {
            ps.setString(1, shop);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
