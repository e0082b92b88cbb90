package io.kefu.server.orders;

import io.kefu.server.store.StoreExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in order book (contract §10): orders kept in Kefu's own store, filled by the shop's back end with
 * {@code PUT .../orders/{orderNo}}. What the demo and the tests use. Every call runs on the store executor (a full
 * queue answers {@code overloaded}); results complete on a store thread.
 */
public final class BuiltInOrderSource implements OrderSource {
    private static final Logger log = LoggerFactory.getLogger(BuiltInOrderSource.class);

    private final OrderBook book;
    private final StoreExecutor store;

    public BuiltInOrderSource(OrderBook book, StoreExecutor store) {
        this.book = book;
        this.store = store;
    }

    /** Stores (or replaces) an order of the shop. */
    public CompletableFuture<Order> put(String shopId, Order order) {
        return store.submit(() -> book.put(shopId, order));
    }

    @Override
    public CompletableFuture<Optional<Order>> find(String shopId, String orderNo) {
        return store.submit(() -> book.find(shopId, orderNo));
    }

    @Override
    public CompletableFuture<List<Order>> byBuyer(String shopId, String buyerId, int limit) {
        return store.submit(() -> book.byBuyer(shopId, buyerId, limit));
    }

    @Override
    public CompletableFuture<Order> changeAddress(String shopId, String orderNo, Order.Address address, String by) {
        return store.submit(() -> {
            Order changed = book.change(shopId, orderNo, o -> OrderRules.changeAddress(o, address))
                    .orElseThrow(() -> OrderRules.notFound(orderNo));
            log.info("order address changed shop={} order={} by={}", shopId, orderNo, by);
            return changed;
        });
    }

    @Override
    public CompletableFuture<Order> cancel(String shopId, String orderNo, String reason, String by) {
        return store.submit(() -> {
            Order changed = book.change(shopId, orderNo, OrderRules::cancel)
                    .orElseThrow(() -> OrderRules.notFound(orderNo));
            log.info("order cancelled shop={} order={} by={}", shopId, orderNo, by);
            return changed;
        });
    }
}
