package io.kefu.server.orders;

import io.kefu.server.base.KefuException;

/** What an order's status allows, with answers that say why not. Stateless; any thread. */
public final class OrderRules {
    private OrderRules() {
    }

    public static Order changeAddress(Order order, Order.Address address) {
        if (!order.status().addressChangeable()) {
            throw KefuException.invalidState("order " + order.orderNo() + " is " + order.status().wire()
                    + "; the address can be changed only before it ships (unpaid or paid)");
        }
        return order.withAddress(address);
    }

    public static Order cancel(Order order) {
        if (!order.status().cancellable()) {
            throw KefuException.invalidState("order " + order.orderNo() + " is " + order.status().wire()
                    + "; only unpaid or paid orders can be cancelled");
        }
        return order.withStatus(OrderStatus.CANCELLED);
    }

    public static KefuException notFound(String orderNo) {
        return KefuException.notFound("order " + orderNo + " not found");
    }
}
