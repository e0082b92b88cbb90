package io.kefu.server.orders;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The built-in order book's storage, and where each shop's order-source settings are kept. Blocking: called on
 * store threads only.
 */
public interface OrderBook {
    /** Stores the order of the shop, replacing one with the same number; {@code not_found} for an unknown shop. */
    Order put(String shopId, Order order);

    Optional<Order> find(String shopId, String orderNo);

    /** Newest first. */
    List<Order> byBuyer(String shopId, String buyerId, int limit);

    /**
     * Reads the order under a row lock, applies {@code change} (which may throw to refuse) and stores its result;
     * empty when there is no such order.
     */
    Optional<Order> change(String shopId, String orderNo, UnaryOperator<Order> change);

    Optional<OrderSourceConfig> sourceConfig(String shopId);

    /** Stores the shop's order-source settings; {@code not_found} for an unknown shop. */
    void putSourceConfig(String shopId, OrderSourceConfig config);
}
