package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderSourceConfig;
import io.kefu.server.orders.OrderStatus;
import io.kefu.server.store.Database.Dialect;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The built-in order book's SQL (V7) on both databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcOrderBookTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final IdGenerator shopIds = new IdGenerator(2);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private static Order order(String no, String buyer, OrderStatus status, long createdAt) {
        return new Order(no, buyer, status, List.of(new Order.Item("p-1", "茶叶 250g", 3, 12_800)), 38_400,
                new Order.Address("张三", "13800000000", "浙江省 杭州市", "西湖区 龙井路 1 号"),
                status == OrderStatus.SHIPPED ? new Order.Logistics("中通快递", "ZT1", List.of(new Order.Event(5, "已发货")))
                        : null, createdAt);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void ordersAreStoredReplacedAndFoundPerShopAndBuyer(Dialect d) {
        JdbcOrderBook book = new JdbcOrderBook(databases.get(d), clock);
        JdbcShopStore shops = new JdbcShopStore(databases.get(d), shopIds);
        String shop = shops.createShop("Tea").id();
        String other = shops.createShop("Other").id();

        book.put(shop, order("T-1", "u-1", OrderStatus.PAID, 100));
        book.put(shop, order("T-2", "u-1", OrderStatus.UNPAID, 300));
        book.put(shop, order("T-1", "u-1", OrderStatus.SHIPPED, 200)); // replaces
        book.put(other, order("T-3", "u-1", OrderStatus.PAID, 400));

        assertThat(book.find(shop, "T-1")).contains(order("T-1", "u-1", OrderStatus.SHIPPED, 200));
        assertThat(book.find(shop, "T-3")).isEmpty();
        assertThat(book.byBuyer(shop, "u-1", 10)).extracting(Order::orderNo).containsExactly("T-2", "T-1");
        assertThat(book.byBuyer(shop, "u-1", 1)).extracting(Order::orderNo).containsExactly("T-2");
        assertThat(book.change(shop, "T-2", o -> o.withStatus(OrderStatus.PAID))).map(Order::status)
                .contains(OrderStatus.PAID);
        assertThat(book.find(shop, "T-2")).map(Order::status).contains(OrderStatus.PAID);
        assertThat(book.change(shop, "NOPE", o -> o)).isEmpty();
        assertThatThrownBy(() -> book.put("404", order("T-9", "u-1", OrderStatus.PAID, 1)))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aShopsOrderSourceSettingsAreStoredAndReplaced(Dialect d) {
        JdbcOrderBook book = new JdbcOrderBook(databases.get(d), clock);
        String shop = new JdbcShopStore(databases.get(d), shopIds).createShop("Tea").id();
        OrderSourceConfig http = new OrderSourceConfig(OrderSourceConfig.Kind.HTTP, "https://shop.example/api",
                "secret-0123456789abcdef", 1_500);

        assertThat(book.sourceConfig(shop)).isEmpty();
        book.putSourceConfig(shop, http);
        assertThat(book.sourceConfig(shop)).contains(http);
        book.putSourceConfig(shop, OrderSourceConfig.BUILT_IN);
        assertThat(book.sourceConfig(shop)).contains(OrderSourceConfig.BUILT_IN);
    }
}
