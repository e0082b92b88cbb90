package io.kefu.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.Role;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.Database;
import io.kefu.server.store.GroupRecord;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.ShopRecord;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DemoSeederTest {
    @TempDir
    Path dataDir;

    private final Database db = TestDatabases.h2();
    private final ShopStore shops = new JdbcShopStore(db, new IdGenerator(2));
    private final BoundedStoreExecutor store = new BoundedStoreExecutor("kefu-store", 2, 100);
    private final BoundedStoreExecutor auth = new BoundedStoreExecutor("kefu-auth", 1, 100);
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @AfterEach
    void close() {
        store.close();
        auth.close();
        db.close();
    }

    @Test
    void aFreshDatabaseGetsTheDemoShopGroupsAndStaff() throws Exception {
        DemoInfo info = seed();

        assertThat(info.shopName()).isEqualTo("Demo Shop");
        assertThat(shops.findShop(info.shopId())).isPresent();
        assertThat(info.groups()).extracting(DemoInfo.Group::name, DemoInfo.Group::isDefault, DemoInfo.Group::entryTypes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("售前 Pre-sales", true, List.of("product", "shop")),
                        org.assertj.core.groups.Tuple.tuple("售后 After-sales", false, List.of("order", "aftersale")));
        assertThat(info.logins()).extracting(DemoInfo.Login::username, DemoInfo.Login::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("supervisor", Role.SUPERVISOR),
                        org.assertj.core.groups.Tuple.tuple("agent1", Role.AGENT),
                        org.assertj.core.groups.Tuple.tuple("agent2", Role.AGENT));
    }

    @Test
    void theStaffCanLogInWithThePrintedPasswords() throws Exception {
        DemoInfo info = seed();
        String preSales = info.groups().get(0).id();
        String afterSales = info.groups().get(1).id();

        for (DemoInfo.Login login : info.logins()) {
            AgentRecord agent = shops.findAgentByUsername(info.shopId(), login.username()).orElseThrow();
            assertThat(agent.id()).isEqualTo(login.agentId());
            assertThat(agent.maxConcurrent()).isEqualTo(5);
            assertThat(hasher.verify(login.password(), agent.passwordHash())).isTrue();
        }
        assertThat(info.logins().get(0).groupIds()).containsExactlyInAnyOrder(preSales, afterSales);
        assertThat(info.logins().get(1).groupIds()).containsExactly(preSales);
        assertThat(info.logins().get(2).groupIds()).containsExactly(afterSales);
        assertThat(info.logins().get(0).groupNames()).containsExactlyInAnyOrder("售前 Pre-sales", "售后 After-sales");
        assertThat(info.logins().get(1).groupNames()).containsExactly("售前 Pre-sales");
        assertThat(info.logins().get(2).groupNames()).containsExactly("售后 After-sales");
    }

    @Test
    void seedingTwiceReusesEverything() throws Exception {
        DemoInfo first = seed();
        DemoInfo second = seed();

        assertThat(second).isEqualTo(first);
        assertThat(shops.groups(first.shopId())).hasSize(2);
        assertThat(shops.agents(first.shopId())).hasSize(3);
    }

    @Test
    void onlyWhatIsMissingIsCreated() throws Exception {
        ShopRecord shop = shops.createShop("Demo Shop");
        GroupRecord pre = shops.createGroup(new GroupRecord(null, shop.id(), DemoSeeder.PRE_SALES, true,
                List.of("product"), null, 0));
        Files.writeString(dataDir.resolve(DemoSeeder.MARKER_FILE), shop.id());

        DemoInfo info = seed();

        assertThat(info.shopId()).isEqualTo(shop.id());
        assertThat(info.groups().get(0).id()).isEqualTo(pre.id());
        assertThat(shops.groups(shop.id())).hasSize(2);
        assertThat(shops.agents(shop.id())).hasSize(3);
    }

    @Test
    void aMarkerForAShopThatIsGoneMakesANewOne() throws Exception {
        Files.writeString(dataDir.resolve(DemoSeeder.MARKER_FILE), "123456");

        DemoInfo info = seed();

        assertThat(info.shopId()).isNotEqualTo("123456");
        assertThat(Files.readString(dataDir.resolve(DemoSeeder.MARKER_FILE))).isEqualTo(info.shopId());
    }

    @Test
    void aMarkerForAnotherShopIsNotTrusted() throws Exception {
        ShopRecord other = shops.createShop("Not the demo");
        Files.writeString(dataDir.resolve(DemoSeeder.MARKER_FILE), other.id());

        assertThat(seed().shopId()).isNotEqualTo(other.id());
        assertThat(shops.groups(other.id())).isEmpty();
    }

    private DemoInfo seed() throws Exception {
        return new DemoSeeder(shops, store, auth, hasher, dataDir).seed().get(20, TimeUnit.SECONDS);
    }

    @Test
    void theDemoBuyersGetOrdersInEveryStatusOnceAndChangesSurviveASecondSeed() throws Exception {
        java.util.concurrent.ExecutorService http = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            io.kefu.server.orders.ShopOrders orders = new io.kefu.server.orders.ShopOrders(
                    new io.kefu.server.store.JdbcOrderBook(db, java.time.Clock.systemUTC()), store, http,
                    java.time.Clock.systemUTC(), io.kefu.server.orders.HttpOrderSource.Settings.DEFAULT);
            DemoSeeder seeder = new DemoSeeder(shops, store, auth, hasher, dataDir, orders, java.time.Clock.systemUTC());
            DemoInfo info = seeder.seed().get(20, TimeUnit.SECONDS);
            List<io.kefu.server.orders.Order> alice = orders.byBuyer(info.shopId(), DemoOrders.ALICE, 100)
                    .get(20, TimeUnit.SECONDS);
            orders.cancel(info.shopId(), "DEMO-1002", "demo", "test").get(20, TimeUnit.SECONDS);

            seeder.seed().get(20, TimeUnit.SECONDS);

            assertThat(alice).extracting(io.kefu.server.orders.Order::status)
                    .containsExactlyInAnyOrder(io.kefu.server.orders.OrderStatus.values());
            assertThat(alice).filteredOn(o -> o.status() == io.kefu.server.orders.OrderStatus.SHIPPED).singleElement()
                    .satisfies(o -> assertThat(o.logistics().events()).isNotEmpty());
            assertThat(orders.byBuyer(info.shopId(), DemoOrders.BOB, 100).get(20, TimeUnit.SECONDS)).hasSize(2);
            assertThat(orders.find(info.shopId(), "DEMO-1002").get(20, TimeUnit.SECONDS).orElseThrow().status())
                    .isEqualTo(io.kefu.server.orders.OrderStatus.CANCELLED);
        } finally {
            http.shutdownNow();
        }
    }

    @Test
    void theDemoOrdersGetOneAfterSaleInEachPartOfTheWorkflowOnce() throws Exception {
        java.util.concurrent.ExecutorService http = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.time.Clock clock = java.time.Clock.systemUTC();
            io.kefu.server.orders.ShopOrders orders = new io.kefu.server.orders.ShopOrders(
                    new io.kefu.server.store.JdbcOrderBook(db, clock), store, http, clock,
                    io.kefu.server.orders.HttpOrderSource.Settings.DEFAULT);
            io.kefu.server.aftersales.AfterSales aftersales = new io.kefu.server.aftersales.AfterSales(
                    new io.kefu.server.store.JdbcAfterSaleStore(db), store, orders, shops,
                    new io.kefu.server.store.JdbcConversationStore(db), new IdGenerator(3), clock,
                    io.kefu.server.aftersales.AfterSaleEvents.NONE);
            DemoSeeder seeder = new DemoSeeder(shops, store, auth, hasher, dataDir, orders, clock, aftersales);

            DemoInfo info = seeder.seed().get(20, TimeUnit.SECONDS);
            seeder.seed().get(20, TimeUnit.SECONDS);
            List<io.kefu.server.aftersales.AfterSale> tickets = aftersales.list(info.shopId(), null, null, 100)
                    .get(20, TimeUnit.SECONDS);

            assertThat(tickets).extracting(t -> t.orderNo() + " " + t.type().wire() + " " + t.state().wire())
                    .containsExactlyInAnyOrder("DEMO-1004 return requested", "DEMO-1005 refund refunded",
                            "DEMO-2001 exchange awaiting_return", "DEMO-2002 refund disputed");
            assertThat(tickets).filteredOn(t -> t.orderNo().equals("DEMO-2002")).singleElement()
                    .satisfies(t -> assertThat(t.history()).extracting(h -> h.role())
                            .containsExactly("buyer", "agent", "buyer"));
        } finally {
            http.shutdownNow();
        }
    }
}
