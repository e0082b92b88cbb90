package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.store.Database.Dialect;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcBuyerStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void upsert_inserts_a_new_buyer_then_renames_it(Dialect d) {
        BuyerStore store = new JdbcBuyerStore(databases.get(d));
        String id = "buyer-" + UUID.randomUUID();

        store.upsertBuyer(id, "Ann");
        assertThat(store.findBuyer(id)).contains(new BuyerRecord(id, "Ann", List.of()));

        store.upsertBuyer(id, "Ann Li");
        assertThat(store.findBuyer(id)).map(BuyerRecord::name).contains("Ann Li");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void upsert_without_a_name_keeps_the_name_it_has(Dialect d) {
        BuyerStore store = new JdbcBuyerStore(databases.get(d));
        String named = "buyer-" + UUID.randomUUID();
        String anonymous = "buyer-" + UUID.randomUUID();

        store.upsertBuyer(named, "Ann");
        store.upsertBuyer(named, null);
        store.upsertBuyer(anonymous, null);

        assertThat(store.findBuyer(named)).map(BuyerRecord::name).contains("Ann");
        assertThat(store.findBuyer(anonymous)).contains(new BuyerRecord(anonymous, null, List.of()));
        assertThat(store.findBuyer("no-such-buyer")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void stored_tags_are_read_as_a_list(Dialect d) {
        BuyerStore store = new JdbcBuyerStore(databases.get(d));
        String id = "buyer-" + UUID.randomUUID();
        store.upsertBuyer(id, "Ann");
        new Jdbc(databases.get(d).dataSource())
                .update("tag", "UPDATE buyers SET tags = 'vip,wholesale' WHERE id = ?", id);

        assertThat(store.findBuyer(id)).map(BuyerRecord::tags).contains(List.of("vip", "wholesale"));
    }
}
