package io.kefu.server.orders;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Orders as the API sees them: each shop's configured {@link OrderSource}, the built-in book's writes, and the
 * shop's source settings. Like the sources, every call returns at once.
 */
public interface OrderService extends OrderSource {
    /** Stores an order in the shop's built-in book (whatever source the shop reads from). */
    CompletableFuture<Order> put(String shopId, Order order);

    CompletableFuture<OrderSourceConfig> sourceConfig(String shopId);

    CompletableFuture<OrderSourceConfig> configure(String shopId, OrderSourceConfig config);

    /** No orders (tests of the API alone): every call fails with {@code internal}. */
    static OrderService unavailable() {
        return new OrderService() {
            private <T> CompletableFuture<T> fail() {
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL, "orders are not available"));
            }

            @Override
            public CompletableFuture<Order> put(String shopId, Order order) {
                return fail();
            }

            @Override
            public CompletableFuture<OrderSourceConfig> sourceConfig(String shopId) {
                return fail();
            }

            @Override
            public CompletableFuture<OrderSourceConfig> configure(String shopId, OrderSourceConfig config) {
                return fail();
            }

            @Override
            public CompletableFuture<Optional<Order>> find(String shopId, String orderNo) {
                return fail();
            }

            @Override
            public CompletableFuture<List<Order>> byBuyer(String shopId, String buyerId, int limit) {
                return fail();
            }

            @Override
            public CompletableFuture<Order> changeAddress(String shopId, String orderNo, Order.Address address,
                                                          String by) {
                return fail();
            }

            @Override
            public CompletableFuture<Order> cancel(String shopId, String orderNo, String reason, String by) {
                return fail();
            }
        };
    }
}
