package io.kefu.server.routing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which shops each buyer has open conversations with, as the loaded routers hold them: what a buyer's
 * {@code hello} lists when the database does not answer in time. Shops not loaded since the start are missing
 * until they are. Thread-safe; routers update it on their lanes.
 */
public final class OpenConversations {
    private final ConcurrentHashMap<String, Set<String>> shopsByBuyer = new ConcurrentHashMap<>();

    void opened(String buyerId, String shopId) {
        shopsByBuyer.computeIfAbsent(buyerId, b -> ConcurrentHashMap.newKeySet()).add(shopId);
    }

    void closed(String buyerId, String shopId) {
        shopsByBuyer.computeIfPresent(buyerId, (b, shops) -> {
            shops.remove(shopId);
            return shops.isEmpty() ? null : shops;
        });
    }

    /** The shops where the buyer has an open conversation, as far as the loaded routers know. */
    public List<String> shopsOf(String buyerId) {
        Set<String> shops = shopsByBuyer.get(buyerId);
        return shops == null ? List.of() : List.copyOf(shops);
    }
}
