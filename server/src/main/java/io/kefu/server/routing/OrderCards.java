package io.kefu.server.routing;

import io.kefu.protocol.Body;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.spi.OrderLookup;
import io.kefu.server.routing.spi.ScriptSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order cards and the order variables of quick replies (contract §10): the snapshot an order card's body carries,
 * and the values of {@code {order.status}}, {@code {logistics.company}} and {@code {logistics.no}}. Stateless; its
 * results are handed back to the router's lane by the caller.
 */
final class OrderCards {
    static final String KIND = "order";
    private static final Logger log = LoggerFactory.getLogger(OrderCards.class);

    private OrderCards() {
    }

    /**
     * The card's body: what the client sent plus the snapshot ({@code status, items, total, logistics}). Refuses an
     * order the shop does not have or that is not the conversation's buyer's ({@code not_found} either way, so a
     * buyer cannot learn of another's order), and one whose source failed (nothing is stored).
     */
    static Body body(String orderNo, Body sent, String buyerId, Optional<OrderLookup.Card> found, Throwable failure) {
        if (failure != null) {
            Throwable cause = KefuException.unwrap(failure);
            String why = cause instanceof KefuException k ? k.getMessage() : cause.toString();
            ErrorCode code = cause instanceof KefuException k && k.code() != ErrorCode.NOT_FOUND ? k.code()
                    : ErrorCode.INTERNAL;
            throw new KefuException(code, "order " + orderNo + " could not be looked up (" + why + "); nothing was sent");
        }
        OrderLookup.Card card = found.filter(c -> c.buyerId().equals(buyerId))
                .orElseThrow(() -> KefuException.notFound("order " + orderNo + " not found"));
        Map<String, Object> fields = new LinkedHashMap<>(sent.fields());
        fields.put("orderNo", card.orderNo());
        fields.put("status", card.status());
        fields.put("items", card.items());
        fields.put("total", card.total());
        if (card.logisticsCompany() != null) {
            Map<String, Object> logistics = new LinkedHashMap<>();
            logistics.put("company", card.logisticsCompany());
            logistics.put("trackingNo", card.trackingNo());
            fields.put("logistics", logistics);
        }
        return new Body(fields);
    }

    /**
     * {@code values} with the order variables filled when {@code values} names the conversation's order and that
     * order is the buyer's; as they are when there is none or its source cannot answer (the variables then read as
     * missing). Completes on any thread.
     */
    static CompletableFuture<Map<String, String>> withOrder(OrderLookup orders, String shopId, String buyerId,
                                                           Map<String, String> values) {
        String orderNo = values.get(ScriptSource.ORDER_NO);
        if (orderNo == null) {
            return CompletableFuture.completedFuture(values);
        }
        return orders.find(shopId, orderNo).handle((found, failure) -> {
            if (failure != null) {
                log.debug("order variables left empty shop={} order={}: {}", shopId, orderNo, failure.toString());
                return values;
            }
            Map<String, String> filled = new java.util.HashMap<>(values);
            found.filter(c -> c.buyerId().equals(buyerId)).ifPresent(c -> {
                filled.put(ScriptSource.ORDER_STATUS, c.status());
                if (c.logisticsCompany() != null) {
                    filled.put(ScriptSource.LOGISTICS_COMPANY, c.logisticsCompany());
                    filled.put(ScriptSource.LOGISTICS_NO, c.trackingNo());
                }
            });
            return filled;
        });
    }
}
