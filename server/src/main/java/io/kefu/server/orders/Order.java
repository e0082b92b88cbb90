package io.kefu.server.orders;

import java.util.List;
import java.util.Objects;

/**
 * An order as a shop's back end knows it (contract §10). Money ({@code price}, {@code total}) is in fen, never
 * negative; {@code logistics} is {@code null} until the order has a carrier. Immutable; {@link OrderJson} checks
 * what comes from outside before one is made.
 */
public record Order(String orderNo, String buyerId, OrderStatus status, List<Item> items, long total, Address address,
                    Logistics logistics, long createdAt) {

    public Order {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        Objects.requireNonNull(address, "address");
    }

    public record Item(String productId, String title, long qty, long price) {
    }

    public record Address(String name, String phone, String region, String detail) {
    }

    public record Logistics(String company, String trackingNo, List<Event> events) {
        public Logistics {
            events = List.copyOf(events);
        }
    }

    public record Event(long ts, String text) {
    }

    public Order withStatus(OrderStatus next) {
        return new Order(orderNo, buyerId, next, items, total, address, logistics, createdAt);
    }

    public Order withAddress(Address next) {
        return new Order(orderNo, buyerId, status, items, total, next, logistics, createdAt);
    }
}
