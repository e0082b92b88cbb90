package io.kefu.server.orders;

import static io.kefu.server.orders.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcOrderBook;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.TestDatabases;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link OrderSource} contract, the same assertions against both implementations: the built-in book (on H2)
 * and the HTTP source (against a real HTTP server playing a shop's order system).
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSourceContractTest {
    private static final String SECRET = "contract-secret-0123456789";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final Database db = TestDatabases.h2();
    private final BoundedStoreExecutor store = new BoundedStoreExecutor("test-store", 2, 100);
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(2);
    private final Map<String, FakeShopBackend> backends = new ConcurrentHashMap<>();
    private final JdbcShopStore shops = new JdbcShopStore(db, new IdGenerator(5));
    private final BuiltInOrderSource builtIn = new BuiltInOrderSource(new JdbcOrderBook(db, clock), store);
    private final HttpOrderSource http = new HttpOrderSource(shop -> CompletableFuture.completedFuture(
            new OrderSourceConfig(OrderSourceConfig.Kind.HTTP, backends.get(shop).url(), SECRET, 5_000)),
            httpThreads, clock, HttpOrderSource.Settings.DEFAULT);

    @AfterAll
    void close() {
        backends.values().forEach(FakeShopBackend::close);
        httpThreads.shutdownNow();
        store.close();
        db.close();
    }

    /** A new shop of the source, and how to put an order into it. */
    private record Shop(String id, OrderSource source, Consumer<Order> put) {
    }

    private Shop shop(String kind) throws Exception {
        String id = shops.createShop("shop").id();
        if (kind.equals("builtin")) {
            return new Shop(id, builtIn, o -> builtIn.put(id, o).join());
        }
        FakeShopBackend backend = new FakeShopBackend(SECRET);
        backends.put(id, backend);
        return new Shop(id, http, backend::put);
    }

    private static <T> T join(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static KefuException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
        assertThat(t).as("the call should have failed").isNotNull();
        Throwable cause = KefuException.unwrap(t);
        assertThat(cause).isInstanceOf(KefuException.class);
        return (KefuException) cause;
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin", "http"})
    void findsAnOrderByNumberAndABuyersOrdersNewestFirst(String kind) throws Exception {
        Shop shop = shop(kind);
        Shop other = shop(kind);
        shop.put().accept(order("A-1", "u-1", OrderStatus.PAID, 1_000));
        shop.put().accept(order("A-2", "u-1", OrderStatus.SHIPPED, 3_000));
        shop.put().accept(order("A-3", "u-1", OrderStatus.COMPLETED, 2_000));
        shop.put().accept(order("B-1", "u-2", OrderStatus.UNPAID, 4_000));
        other.put().accept(order("X-1", "u-1", OrderStatus.PAID, 5_000));

        assertThat(join(shop.source().find(shop.id(), "A-2"))).contains(order("A-2", "u-1", OrderStatus.SHIPPED, 3_000));
        assertThat(join(shop.source().find(shop.id(), "NOPE"))).isEmpty();
        assertThat(join(shop.source().find(shop.id(), "X-1"))).as("another shop's order").isEmpty();
        assertThat(join(shop.source().byBuyer(shop.id(), "u-1", 10))).extracting(Order::orderNo)
                .containsExactly("A-2", "A-3", "A-1");
        assertThat(join(shop.source().byBuyer(shop.id(), "u-1", 2))).extracting(Order::orderNo)
                .containsExactly("A-2", "A-3");
        assertThat(join(shop.source().byBuyer(shop.id(), "nobody", 10))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin", "http"})
    void theAddressChangesOnlyBeforeShipping(String kind) throws Exception {
        Shop shop = shop(kind);
        shop.put().accept(order("P-1", "u-1", OrderStatus.PAID, 1_000));
        shop.put().accept(order("S-1", "u-1", OrderStatus.SHIPPED, 1_000));
        Order.Address next = new Order.Address("李四", "13900000000", "北京市 朝阳区", "建国路 8 号");

        Order changed = join(shop.source().changeAddress(shop.id(), "P-1", next, "agent-1"));
        KefuException shipped = failure(shop.source().changeAddress(shop.id(), "S-1", next, "agent-1"));
        KefuException missing = failure(shop.source().changeAddress(shop.id(), "NOPE", next, "agent-1"));

        assertThat(changed.address()).isEqualTo(next);
        assertThat(join(shop.source().find(shop.id(), "P-1")).orElseThrow().address()).isEqualTo(next);
        assertThat(shipped.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(shipped.getMessage()).contains("S-1 is shipped").contains("only before it ships");
        assertThat(join(shop.source().find(shop.id(), "S-1")).orElseThrow().address())
                .isEqualTo(order("S-1", "u-1", OrderStatus.SHIPPED, 1_000).address());
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin", "http"})
    void onlyUnpaidOrPaidOrdersAreCancelled(String kind) throws Exception {
        Shop shop = shop(kind);
        shop.put().accept(order("U-1", "u-1", OrderStatus.UNPAID, 1_000));
        shop.put().accept(order("D-1", "u-1", OrderStatus.DELIVERED, 1_000));

        Order cancelled = join(shop.source().cancel(shop.id(), "U-1", "买错了", "agent-1"));
        KefuException delivered = failure(shop.source().cancel(shop.id(), "D-1", "不想要了", "agent-1"));
        KefuException again = failure(shop.source().cancel(shop.id(), "U-1", "再取消", "agent-1"));

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(join(shop.source().find(shop.id(), "U-1")).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(delivered.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(delivered.getMessage()).contains("D-1 is delivered").contains("only unpaid or paid");
        assertThat(again.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(again.getMessage()).contains("is cancelled");
    }
}
