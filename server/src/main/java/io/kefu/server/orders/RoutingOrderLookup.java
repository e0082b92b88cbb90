package io.kefu.server.orders;

import io.kefu.server.routing.spi.OrderLookup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The shops' order sources as routing's {@link OrderLookup}. Completes on the source's threads. */
public final class RoutingOrderLookup implements OrderLookup {
    private final OrderSource orders;

    public RoutingOrderLookup(OrderSource orders) {
        this.orders = orders;
    }

    @Override
    public CompletableFuture<Optional<Card>> find(String shopId, String orderNo) {
        return orders.find(shopId, orderNo).thenApply(found -> found.map(RoutingOrderLookup::card));
    }

    static Card card(Order o) {
        List<Map<String, Object>> items = o.items().stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("productId", i.productId());
            item.put("title", i.title());
            item.put("qty", i.qty());
            item.put("price", i.price());
            return item;
        }).toList();
        return new Card(o.orderNo(), o.buyerId(), o.status().wire(), items, o.total(),
                o.logistics() == null ? null : o.logistics().company(),
                o.logistics() == null ? null : o.logistics().trackingNo());
    }
}
