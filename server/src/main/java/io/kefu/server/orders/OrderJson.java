package io.kefu.server.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Orders to and from JSON (contract §10), checking everything that comes in: every failure is a
 * {@code bad_frame} naming the field ({@code items[2].price}) and what it must be. Used for API bodies, the
 * built-in book's rows and the HTTP source's answers. Stateless; any thread.
 */
public final class OrderJson {
    public static final int MAX_ITEMS = 100;
    public static final int MAX_EVENTS = 200;
    public static final long MAX_QTY = 100_000;
    /** Ten billion yuan in fen: far above any order, far below where sums could overflow. */
    public static final long MAX_FEN = 1_000_000_000_000L;
    private static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private OrderJson() {
    }

    /** Whether {@code raw} is an order number as {@link #orderNo} allows it. */
    public static boolean isOrderNo(String raw) {
        return raw != null && ORDER_NO.matcher(raw).matches();
    }

    /** An order number as the contract allows it (it becomes a path segment): 1..64 of A-Z a-z 0-9 . _ -. */
    public static String orderNo(String raw, String field) {
        if (!isOrderNo(raw)) {
            throw KefuException.badRequest(field + " must be 1..64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return raw;
    }

    /**
     * An order from a JSON object. {@code orderNo} comes from the path when given (a body's must then match it or
     * be absent); {@code createdAt} defaults to {@code now}.
     */
    public static Order parse(JsonNode node, String pathOrderNo, long now) {
        requireObject(node, "order");
        String orderNo = pathOrderNo;
        JsonNode no = node.get("orderNo");
        if (no != null && !no.isNull()) {
            String given = text(node, "orderNo", 64, true);
            if (orderNo != null && !orderNo.equals(given)) {
                throw KefuException.badRequest("field 'orderNo' is '" + given + "' but the path names order " + orderNo);
            }
            orderNo = given;
        }
        orderNo(orderNo, "field 'orderNo'");
        String buyerId = text(node, "buyerId", 64, true);
        String rawStatus = text(node, "status", 16, true);
        OrderStatus status = OrderStatus.fromWire(rawStatus).orElseThrow(() -> KefuException.badRequest(
                "field 'status' must be one of unpaid, paid, shipped, delivered, completed, cancelled, was '"
                        + rawStatus + "'"));
        List<Order.Item> items = items(node.get("items"));
        long total = fen(node, "total", "total", true);
        Order.Address address = address(node.get("address"), "address");
        Order.Logistics logistics = logistics(node.get("logistics"));
        long createdAt = node.hasNonNull("createdAt") ? integer(node.get("createdAt"), "createdAt", 0, Long.MAX_VALUE)
                : now;
        return new Order(orderNo, buyerId, status, items, total, address, logistics, createdAt);
    }

    /** An address from {@code {name, phone, region, detail}}; {@code field} names it in errors. */
    public static Order.Address address(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw KefuException.badRequest("field '" + field + "' is required");
        }
        requireObject(node, field);
        return new Order.Address(text(node, "name", 50, true, field), text(node, "phone", 32, true, field),
                text(node, "region", 100, true, field), text(node, "detail", 200, true, field));
    }

    public static ObjectNode json(Order o) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("orderNo", o.orderNo()).put("buyerId", o.buyerId()).put("status", o.status().wire());
        ArrayNode items = n.putArray("items");
        o.items().forEach(i -> items.addObject().put("productId", i.productId()).put("title", i.title())
                .put("qty", i.qty()).put("price", i.price()));
        n.put("total", o.total());
        n.set("address", addressJson(o.address()));
        if (o.logistics() == null) {
            n.putNull("logistics");
        } else {
            ObjectNode l = n.putObject("logistics").put("company", o.logistics().company())
                    .put("trackingNo", o.logistics().trackingNo());
            ArrayNode events = l.putArray("events");
            o.logistics().events().forEach(e -> events.addObject().put("ts", e.ts()).put("text", e.text()));
        }
        return n.put("createdAt", o.createdAt());
    }

    public static ObjectNode addressJson(Order.Address a) {
        return JsonNodeFactory.instance.objectNode().put("name", a.name()).put("phone", a.phone())
                .put("region", a.region()).put("detail", a.detail());
    }

    private static List<Order.Item> items(JsonNode node) {
        if (node == null || node.isNull()) {
            throw KefuException.badRequest("field 'items' is required");
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_ITEMS) {
            throw KefuException.badRequest("field 'items' must be an array of 1.." + MAX_ITEMS + " items");
        }
        List<Order.Item> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = node.get(i);
            requireObject(item, at);
            items.add(new Order.Item(text(item, "productId", 64, true, at), text(item, "title", 200, true, at),
                    integer(item.get("qty"), at + ".qty", 1, MAX_QTY), fen(item, "price", at + ".price", true)));
        }
        return items;
    }

    private static Order.Logistics logistics(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "logistics");
        List<Order.Event> events = new ArrayList<>();
        JsonNode list = node.get("events");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_EVENTS) {
                throw KefuException.badRequest("field 'logistics.events' must be an array of at most " + MAX_EVENTS
                        + " events");
            }
            for (int i = 0; i < list.size(); i++) {
                String at = "logistics.events[" + i + "]";
                JsonNode e = list.get(i);
                requireObject(e, at);
                events.add(new Order.Event(integer(e.get("ts"), at + ".ts", 0, Long.MAX_VALUE),
                        text(e, "text", 500, true, at)));
            }
        }
        return new Order.Logistics(text(node, "company", 50, true, "logistics"),
                text(node, "trackingNo", 64, true, "logistics"), events);
    }

    private static long fen(JsonNode parent, String name, String field, boolean required) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            throw KefuException.badRequest("field '" + field + "' is required (money in fen, an integer)");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > MAX_FEN) {
            throw KefuException.badRequest("field '" + field + "' must be money in fen: an integer 0.." + MAX_FEN
                    + ", was " + v);
        }
        return v.longValue();
    }

    private static long integer(JsonNode v, String field, long min, long max) {
        if (v == null || v.isNull()) {
            throw KefuException.badRequest("field '" + field + "' is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw KefuException.badRequest("field '" + field + "' must be an integer " + min + ".." + max + ", was " + v);
        }
        return v.longValue();
    }

    private static String text(JsonNode parent, String name, int maxChars, boolean required) {
        return text(parent, name, maxChars, required, null);
    }

    private static String text(JsonNode parent, String name, int maxChars, boolean required, String in) {
        String field = in == null ? name : in + "." + name;
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw KefuException.badRequest("field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > maxChars) {
            throw KefuException.badRequest("field '" + field + "' must be a non-empty string of at most " + maxChars
                    + " characters");
        }
        return v.asText().strip();
    }

    private static void requireObject(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw KefuException.badRequest("field '" + field + "' must be an object");
        }
    }
}
