package io.kefu.server.demo;

import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderService;
import io.kefu.server.orders.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The demo shop's orders: two demo buyers ({@value #ALICE}, {@value #BOB}; open {@code /demo?buyer=demo-alice})
 * with orders in every status, the shipped ones with logistics events. Only orders the book lacks are added, so a
 * restart keeps what was changed in the demo. Calls return at once; the work runs on the order service's threads.
 */
final class DemoOrders {
    static final String ALICE = "demo-alice";
    static final String BOB = "demo-bob";

    private final OrderService orders;
    private final Clock clock;

    DemoOrders(OrderService orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    /** Completes with how many orders were added. */
    CompletableFuture<Integer> seed(String shopId) {
        List<CompletableFuture<Integer>> added = new ArrayList<>();
        for (Order o : all(clock.millis())) {
            added.add(orders.find(shopId, o.orderNo()).thenCompose(found -> found.isPresent()
                    ? CompletableFuture.completedFuture(0) : orders.put(shopId, o).thenApply(x -> 1)));
        }
        return CompletableFuture.allOf(added.toArray(CompletableFuture[]::new))
                .thenApply(x -> added.stream().mapToInt(CompletableFuture::join).sum());
    }

    static List<Order> all(long now) {
        long day = Duration.ofDays(1).toMillis();
        return List.of(
                order("DEMO-1001", ALICE, OrderStatus.UNPAID, now - day / 24, 0),
                order("DEMO-1002", ALICE, OrderStatus.PAID, now - day, 0),
                order("DEMO-1003", ALICE, OrderStatus.SHIPPED, now - 2 * day, 2),
                order("DEMO-1004", ALICE, OrderStatus.DELIVERED, now - 4 * day, 3),
                order("DEMO-1005", ALICE, OrderStatus.COMPLETED, now - 10 * day, 4),
                order("DEMO-1006", ALICE, OrderStatus.CANCELLED, now - 12 * day, 0),
                order("DEMO-2001", BOB, OrderStatus.SHIPPED, now - day, 1),
                order("DEMO-2002", BOB, OrderStatus.COMPLETED, now - 20 * day, 4));
    }

    private static Order order(String no, String buyer, OrderStatus status, long createdAt, int events) {
        List<Order.Item> items = List.of(new Order.Item("demo-tshirt", "纯棉圆领T恤 白色 L", 2, 5_900),
                new Order.Item("demo-bag", "帆布托特包", 1, 3_900));
        long total = 2 * 5_900 + 3_900;
        Order.Address address = buyer.equals(ALICE)
                ? new Order.Address("李小姐", "13800001234", "上海市 浦东新区", "世纪大道 100 号 12 楼")
                : new Order.Address("王先生", "13900005678", "北京市 朝阳区", "建国路 88 号 3 单元");
        Order.Logistics logistics = null;
        if (events > 0) {
            String[] texts = {"商家已发货，顺丰速运已揽收", "快件已到达 上海转运中心", "快件正在派送中", "已签收，签收人：本人"};
            List<Order.Event> list = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                list.add(new Order.Event(createdAt + (i + 1) * Duration.ofHours(10).toMillis(), texts[i]));
            }
            logistics = new Order.Logistics("顺丰速运", "SF10" + no.substring(5), list);
        }
        return new Order(no, buyer, status, items, total, address, logistics, createdAt);
    }
}
