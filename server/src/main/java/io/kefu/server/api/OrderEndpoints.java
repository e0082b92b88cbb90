package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderJson;
import io.kefu.server.orders.OrderRules;
import io.kefu.server.orders.OrderService;
import io.kefu.server.orders.OrderSourceConfig;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Orders over HTTP (contract §10) and a shop's order source settings (docs/orders.md). Role checks and body
 * checks run on the calling event loop; the look-ups and changes go to the shop's order source, which never blocks
 * (see {@link OrderService}). The walls: staff see only their own shop's orders, a buyer only their own; anything
 * else is {@code not_found}, so no one learns that another's order exists.
 */
final class OrderEndpoints {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final OrderService orders;
    private final Clock clock = Clock.systemUTC();

    OrderEndpoints(ApiServices services) {
        this.orders = services.orders();
    }

    CompletableFuture<ObjectNode> list(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        List<String> buyer = r.query().getOrDefault("buyerId", List.of());
        if (buyer.isEmpty() || buyer.get(0).isBlank() || buyer.get(0).length() > 64) {
            throw KefuException.badRequest("query parameter 'buyerId' is required (at most 64 characters)");
        }
        int limit = (int) r.queryLong("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return orders.byBuyer(shopId, buyer.get(0).strip(), limit)
                .thenApply(list -> ApiJson.list("orders", list, OrderJson::json));
    }

    CompletableFuture<ObjectNode> get(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String orderNo = orderNo(r);
        boolean staff = Permissions.allows(who, Permission.ANY_BUYERS_ORDERS, shopId);
        return orders.find(shopId, orderNo).thenApply(found -> found
                .filter(o -> staff || o.buyerId().equals(who.userId()))
                .map(OrderJson::json)
                .orElseThrow(() -> OrderRules.notFound(orderNo)));
    }

    CompletableFuture<ObjectNode> put(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        Order order = OrderJson.parse(r.json().node(), orderNo(r), clock.millis());
        return orders.put(shopId, order).thenApply(OrderJson::json);
    }

    CompletableFuture<ObjectNode> changeAddress(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String orderNo = orderNo(r);
        Order.Address address = OrderJson.address(r.json().node().get("address"), "address");
        return orders.changeAddress(shopId, orderNo, address, who.userId()).thenApply(OrderJson::json);
    }

    CompletableFuture<ObjectNode> cancel(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String orderNo = orderNo(r);
        String reason = r.json().string("reason", 200);
        return orders.cancel(shopId, orderNo, reason, who.userId()).thenApply(OrderJson::json);
    }

    CompletableFuture<ObjectNode> getSource(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return orders.sourceConfig(shopId).thenApply(OrderEndpoints::sourceJson);
    }

    CompletableFuture<ObjectNode> putSource(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        String type = b.string("type", 16);
        OrderSourceConfig.Kind kind = OrderSourceConfig.Kind.fromWire(type).orElseThrow(() ->
                KefuException.badRequest("field 'type' must be builtin or http, was '" + type + "'"));
        int timeoutMs = b.optionalInteger("timeoutMs", OrderSourceConfig.MIN_TIMEOUT_MS,
                OrderSourceConfig.MAX_TIMEOUT_MS).orElse(OrderSourceConfig.DEFAULT_TIMEOUT_MS);
        OrderSourceConfig config = kind == OrderSourceConfig.Kind.BUILTIN
                ? new OrderSourceConfig(kind, null, null, timeoutMs)
                : new OrderSourceConfig(kind, url(b.string("url", 2048)), b.rawString("secret", 16, 200), timeoutMs);
        return orders.configure(shopId, config).thenApply(OrderEndpoints::sourceJson);
    }

    /** Never the secret itself. */
    private static ObjectNode sourceJson(OrderSourceConfig c) {
        ObjectNode out = ApiJson.object().put("type", c.kind().wire());
        if (c.url() != null) {
            out.put("url", c.url());
        }
        return out.put("timeoutMs", c.timeoutMs()).put("secretSet", c.secret() != null);
    }

    private static String url(String raw) {
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw KefuException.badRequest("field 'url' must be an http(s) URL with a host and no query,"
                        + " was '" + raw + "'");
            }
            return raw;
        } catch (java.net.URISyntaxException e) {
            throw KefuException.badRequest("field 'url' is not a valid URL: " + e.getReason());
        }
    }

    private static String orderNo(ApiRequest r) {
        return OrderJson.orderNo(r.param("orderNo"), "order number '" + r.param("orderNo") + "' in the path");
    }
}
