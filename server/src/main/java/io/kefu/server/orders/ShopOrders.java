package io.kefu.server.orders;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks each shop's order source: the built-in book unless the shop configured its HTTP back end
 * ({@code PUT .../order-source}). Shops' settings are read on the store executor and kept in a Caffeine cache for a
 * minute (a change made through this node applies at once; one made through another node within the minute).
 * Every call returns at once; results complete on the chosen source's threads.
 */
public final class ShopOrders implements OrderService {
    private static final Logger log = LoggerFactory.getLogger(ShopOrders.class);

    private final OrderBook book;
    private final StoreExecutor store;
    private final BuiltInOrderSource builtIn;
    private final HttpOrderSource http;
    private final AsyncLoadingCache<String, OrderSourceConfig> configs;

    public ShopOrders(OrderBook book, StoreExecutor store, Executor httpExecutor, Clock clock,
                      HttpOrderSource.Settings httpSettings) {
        this(book, store, httpExecutor, clock, httpSettings, null);
    }

    /** With the HTTP source's metrics in {@code registry} (docs/metrics.md). */
    public ShopOrders(OrderBook book, StoreExecutor store, Executor httpExecutor, Clock clock,
                      HttpOrderSource.Settings httpSettings, io.micrometer.core.instrument.MeterRegistry registry) {
        this.book = book;
        this.store = store;
        this.builtIn = new BuiltInOrderSource(book, store);
        this.configs = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1))
                .buildAsync((shopId, executor) -> store.submit(
                        () -> book.sourceConfig(shopId).orElse(OrderSourceConfig.BUILT_IN)));
        this.http = new HttpOrderSource(configs::get, httpExecutor, clock, httpSettings, registry);
    }

    @Override
    public CompletableFuture<Order> put(String shopId, Order order) {
        return builtIn.put(shopId, order);
    }

    @Override
    public CompletableFuture<OrderSourceConfig> sourceConfig(String shopId) {
        return configs.get(shopId);
    }

    @Override
    public CompletableFuture<OrderSourceConfig> configure(String shopId, OrderSourceConfig config) {
        return store.submit(() -> {
            book.putSourceConfig(shopId, config);
            return config;
        }).thenApply(c -> {
            configs.synchronous().invalidate(shopId);
            http.forget(shopId);
            log.info("order source set shop={} source={}", shopId, c);
            return c;
        });
    }

    @Override
    public CompletableFuture<Optional<Order>> find(String shopId, String orderNo) {
        return with(shopId, s -> s.find(shopId, orderNo));
    }

    @Override
    public CompletableFuture<List<Order>> byBuyer(String shopId, String buyerId, int limit) {
        return with(shopId, s -> s.byBuyer(shopId, buyerId, limit));
    }

    @Override
    public CompletableFuture<Order> changeAddress(String shopId, String orderNo, Order.Address address, String by) {
        return with(shopId, s -> s.changeAddress(shopId, orderNo, address, by));
    }

    @Override
    public CompletableFuture<Order> cancel(String shopId, String orderNo, String reason, String by) {
        return with(shopId, s -> s.cancel(shopId, orderNo, reason, by));
    }

    private <T> CompletableFuture<T> with(String shopId, Function<OrderSource, CompletableFuture<T>> call) {
        return configs.get(shopId).thenCompose(c -> call.apply(c.kind() == OrderSourceConfig.Kind.HTTP ? http : builtIn));
    }
}
