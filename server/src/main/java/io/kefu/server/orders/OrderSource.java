package io.kefu.server.orders;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a shop's orders come from (contract §10). Every method returns at once, never blocking its caller: the
 * answer completes on the source's own threads (a store thread, an HTTP client thread), so callers continue on
 * their own executor. Failures are {@code KefuException}s: {@code not_found} for an order the shop does not have,
 * {@code invalid_state} for a change its status forbids, {@code overloaded} for a source that is slow or failing.
 * Orders are always the given shop's: a source never answers with another shop's order.
 */
public interface OrderSource {
    CompletableFuture<Optional<Order>> find(String shopId, String orderNo);

    /** The buyer's orders in the shop, newest first, at most {@code limit}. */
    CompletableFuture<List<Order>> byBuyer(String shopId, String buyerId, int limit);

    /** Changes the delivery address; only before shipping ({@link OrderStatus#addressChangeable()}). */
    CompletableFuture<Order> changeAddress(String shopId, String orderNo, Order.Address address, String by);

    /** Cancels the order; only {@code unpaid} or {@code paid} ones. */
    CompletableFuture<Order> cancel(String shopId, String orderNo, String reason, String by);
}
