package io.kefu.server.routing.spi;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Orders as routing sees them (contract §10): what an order card shows and what the {@code {order.*}} and
 * {@code {logistics.*}} quick-reply variables say. {@link #find} returns at once and completes on any thread
 * (a store or HTTP client thread): continue on your own lane.
 */
public interface OrderLookup {
    /** No orders: every look-up fails, so an order card is refused and the order variables stay empty. */
    OrderLookup NONE = (shopId, orderNo) -> CompletableFuture.failedFuture(
            new KefuException(ErrorCode.INTERNAL, "orders are not available"));

    /**
     * An order as a card shows it: status, items ({@code productId, title, qty, price} with numbers as
     * {@link Long}), total in fen, and the carrier and tracking number ({@code null} before shipping).
     */
    record Card(String orderNo, String buyerId, String status, List<Map<String, Object>> items, long total,
                String logisticsCompany, String trackingNo) {
        public Card {
            items = List.copyOf(items);
        }
    }

    /** The shop's order, empty when it has none by that number; fails when its source cannot answer. */
    CompletableFuture<Optional<Card>> find(String shopId, String orderNo);
}
