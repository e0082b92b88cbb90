package io.kefu.server.orders;

import java.util.List;

/** Orders for tests. */
final class Orders {
    private Orders() {
    }

    static Order order(String orderNo, String buyerId, OrderStatus status, long createdAt) {
        Order.Logistics logistics = status == OrderStatus.UNPAID || status == OrderStatus.PAID
                || status == OrderStatus.CANCELLED ? null
                : new Order.Logistics("顺丰速运", "SF" + orderNo, List.of(new Order.Event(createdAt + 1, "已揽收"),
                new Order.Event(createdAt + 2, "运输中")));
        return new Order(orderNo, buyerId, status, List.of(new Order.Item("p-1", "纯棉T恤", 2, 4_900),
                new Order.Item("p-2", "帆布袋", 1, 1_990)), 11_790,
                new Order.Address("张三", "13800000000", "上海市 浦东新区", "世纪大道 1 号"), logistics, createdAt);
    }
}
