package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.settings.GroupStrategy;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.settings.WeeklyHours;
import io.kefu.server.settings.WeeklyWindow;
import io.kefu.server.store.Database.Dialect;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcShopStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private ShopStore store(Dialect d) {
        return new JdbcShopStore(databases.get(d), new IdGenerator(1));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_created_shop_is_found_by_its_id(Dialect d) {
        ShopStore store = store(d);

        ShopRecord shop = store.createShop("Tea House");

        assertThat(shop.id()).isNotBlank();
        assertThat(shop.createdAt()).isPositive();
        assertThat(store.findShop(shop.id())).contains(shop);
        assertThat(store.findShop("no-such-shop")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_first_group_is_the_default_until_another_is_made_default(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();

        GroupRecord preSales = store.createGroup(group(shop, "pre-sales", false, List.of("product")));
        GroupRecord logistics = store.createGroup(group(shop, "logistics", false, List.of()));
        GroupRecord afterSales = store.createGroup(group(shop, "after-sales", true, List.of("order", "aftersale")));

        assertThat(preSales.isDefault()).isTrue();
        assertThat(logistics.isDefault()).isFalse();
        assertThat(store.groups(shop)).extracting(GroupRecord::name, GroupRecord::isDefault).containsExactly(
                tuple("pre-sales", false), tuple("logistics", false), tuple("after-sales", true));
        assertThat(store.groups(shop).get(2)).isEqualTo(afterSales);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_group_keeps_its_entry_types_and_overflow(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        GroupRecord vip = store.createGroup(group(shop, "vip", false, List.of()));

        GroupRecord given = new GroupRecord("ignored", shop, "after-sales", false, List.of("order", "aftersale"),
                vip.id(), 90);
        GroupRecord stored = store.createGroup(given);

        assertThat(stored.id()).isNotEqualTo("ignored");
        assertThat(stored).isEqualTo(given.withId(stored.id()));
        assertThat(store.groups(shop)).contains(stored);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_group_must_belong_to_an_existing_shop_and_overflow_to_one_of_its_groups(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        String otherShopsGroup = store.createGroup(group(store.createShop("Other").id(), "g", false, List.of())).id();

        assertThatThrownBy(() -> store.createGroup(group("no-such-shop", "g", false, List.of())))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> store.createGroup(new GroupRecord(null, shop, "g", false, List.of(),
                otherShopsGroup, 30)))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store.groups(shop)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_created_agent_is_found_by_id_and_by_username_with_its_groups(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        String g1 = store.createGroup(group(shop, "pre-sales", false, List.of())).id();
        String g2 = store.createGroup(group(shop, "vip", false, List.of())).id();

        AgentRecord agent = store.createAgent(new AgentRecord(null, shop, "lily", "hash", "Lily", Role.SUPERVISOR, 5,
                List.of(g1, g2, g1)));

        assertThat(agent.id()).isNotBlank();
        assertThat(agent.groupIds()).containsExactly(g1, g2);
        assertThat(store.findAgent(agent.id())).hasValueSatisfying(found -> {
            assertThat(found).usingRecursiveComparison().ignoringFields("groupIds").isEqualTo(agent);
            assertThat(found.groupIds()).containsExactlyInAnyOrder(g1, g2);
        });
        assertThat(store.findAgentByUsername(shop, "lily")).map(AgentRecord::id).contains(agent.id());
        assertThat(store.findAgentByUsername(shop, "nobody")).isEmpty();
        assertThat(store.findAgent("no-such-agent")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void agents_lists_the_shops_staff_with_their_groups(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        String g = store.createGroup(group(shop, "pre-sales", false, List.of())).id();
        store.createAgent(agent(shop, "mei", List.of(g)));
        store.createAgent(agent(shop, "bo", List.of()));
        store.createAgent(agent(store.createShop("Other").id(), "zed", List.of()));

        List<AgentRecord> agents = store.agents(shop);

        assertThat(agents).extracting(AgentRecord::username).containsExactly("bo", "mei");
        assertThat(agents).extracting(AgentRecord::groupIds).containsExactly(List.of(), List.of(g));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_username_is_unique_within_a_shop_only(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        String other = store.createShop("Other").id();
        store.createAgent(agent(shop, "lily", List.of()));

        assertThatThrownBy(() -> store.createAgent(agent(shop, "lily", List.of())))
                .isInstanceOfSatisfying(KefuException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessage("username 'lily' is already taken in shop " + shop);
        assertThat(store.createAgent(agent(other, "lily", List.of())).shopId()).isEqualTo(other);
        assertThat(store.agents(shop)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void an_agent_can_only_join_groups_of_its_shop(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        String foreign = store.createGroup(group(store.createShop("Other").id(), "g", false, List.of())).id();

        assertThatThrownBy(() -> store.createAgent(agent(shop, "lily", List.of(foreign))))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store.agents(shop)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_group_changes_strategy_overflow_and_takes_the_default(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        GroupRecord first = store.createGroup(group(shop, "pre-sales", false, List.of()));
        GroupRecord second = store.createGroup(group(shop, "after-sales", false, List.of()));

        store.updateGroup(new GroupRecord(second.id(), shop, "售后", true, List.of("order"), first.id(), 90,
                GroupStrategy.ROUND_ROBIN));

        assertThat(store.groups(shop)).extracting(GroupRecord::name, GroupRecord::isDefault, GroupRecord::strategy)
                .containsExactly(tuple("pre-sales", false, GroupStrategy.LEAST_BUSY),
                        tuple("售后", true, GroupStrategy.ROUND_ROBIN));
        assertThat(store.groups(shop).get(1).overflowTo()).isEqualTo(first.id());
        assertThatThrownBy(() -> store.updateGroup(store.groups(shop).get(1).withId("nope")))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void an_agent_changes_shifts_and_groups(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        GroupRecord a = store.createGroup(group(shop, "a", false, List.of()));
        GroupRecord b = store.createGroup(group(shop, "b", false, List.of()));
        AgentRecord lily = store.createAgent(agent(shop, "lily", List.of(a.id())));
        WeeklyHours nights = new WeeklyHours(List.of(new WeeklyWindow(java.util.Set.of(java.time.DayOfWeek.FRIDAY),
                java.time.LocalTime.of(22, 0), java.time.LocalTime.of(2, 0))));

        store.updateAgent(new AgentRecord(lily.id(), shop, "lily", "$2a$other", "Lily", Role.SUPERVISOR, 9,
                List.of(b.id(), a.id()), nights));

        AgentRecord found = store.findAgent(lily.id()).orElseThrow();
        assertThat(found.shifts()).isEqualTo(nights);
        assertThat(found.groupIds()).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(found.role()).isEqualTo(Role.SUPERVISOR);
        assertThat(found.maxConcurrent()).isEqualTo(9);
        assertThat(found.passwordHash()).isEqualTo("$2a$other");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void routing_settings_are_the_defaults_until_saved(Dialect d) {
        ShopStore store = store(d);
        String shop = store.createShop("Tea House").id();
        RoutingSettings changed = new RoutingSettings(java.time.ZoneId.of("Europe/Berlin"), WeeklyHours.ALWAYS,
                List.of("被骗"), List.of("gold"), java.util.Map.of("gold", "g1"), 5, 1, 2, 3, 4, false, 6,
                "您好，我是{agent.name}", null, 24);

        RoutingSettings before = store.routingSettings(shop);
        store.saveRoutingSettings(shop, changed);

        assertThat(before).isEqualTo(RoutingSettings.DEFAULT);
        assertThat(store.routingSettings(shop)).isEqualTo(changed);
        assertThatThrownBy(() -> store.routingSettings("no-such-shop"))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_shop_keeps_its_own_tags_and_note_for_a_buyer(Dialect d) {
        ShopStore store = store(d);
        BuyerStore buyers = new JdbcBuyerStore(databases.get(d));
        String shop = store.createShop("Tea House").id();
        String other = store.createShop("Other").id();

        buyers.saveShopBuyer(shop, "b1", java.util.Optional.of(List.of("vip")), java.util.Optional.empty());
        ShopBuyerRecord noted = buyers.saveShopBuyer(shop, "b1", java.util.Optional.empty(),
                java.util.Optional.of("likes tea"));

        assertThat(noted).isEqualTo(new ShopBuyerRecord(shop, "b1", List.of("vip"), "likes tea"));
        assertThat(buyers.findShopBuyer(shop, "b1")).contains(noted);
        assertThat(buyers.findShopBuyer(other, "b1")).isEmpty();
    }

    private static GroupRecord group(String shop, String name, boolean isDefault, List<String> entryTypes) {
        return new GroupRecord(null, shop, name, isDefault, entryTypes, null, 0);
    }

    private static AgentRecord agent(String shop, String username, List<String> groups) {
        return new AgentRecord(null, shop, username, "$2a$hash", username.toUpperCase(), Role.AGENT, 3, groups);
    }
}
