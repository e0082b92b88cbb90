package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.store.Database.Dialect;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The V6 migration and {@link JdbcKpiStore} on H2 and on embedded PostgreSQL: rows add up, cut every way. */
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

        List<KpiRow> all = store.sums(shop, m, m + 30, KpiStore.GroupBy.SHOP, null);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get(KpiColumn.NEED_MSGS)).isEqualTo(10);
        assertThat(all.get(0).get(KpiColumn.OPENED)).isEqualTo(7);
        assertThat(all.get(0).get(KpiColumn.W15)).isEqualTo(3);

        assertThat(store.sums(shop, m, m + 30, KpiStore.GroupBy.GROUP, null))
                .extracting(KpiRow::groupId, r -> r.get(KpiColumn.NEED_MSGS))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("g1", 5L), org.assertj.core.groups.Tuple.tuple("g2", 5L));
        assertThat(store.sums(shop, m, m + 30, KpiStore.GroupBy.AGENT, null)) // no row of no agent
                .extracting(KpiRow::agentId).containsExactly("a1", "a2");
        assertThat(store.sums(shop, m, m + 30, KpiStore.GroupBy.QUARTER, null))
                .extracting(KpiRow::minute, r -> r.get(KpiColumn.NEED_MSGS))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(m, 10L), org.assertj.core.groups.Tuple.tuple(m + 15, 0L));
        List<KpiRow> a2 = store.sums(shop, m, m + 31, KpiStore.GroupBy.SHOP, "a2");
        assertThat(a2.get(0).get(KpiColumn.NEED_MSGS)).isEqualTo(5);
        List<KpiRow> none = store.sums(shop, m + 100, m + 200, KpiStore.GroupBy.SHOP, null);
        assertThat(none).hasSize(1);
        assertThat(none.get(0).values()).containsOnly(0L);
    }
}
