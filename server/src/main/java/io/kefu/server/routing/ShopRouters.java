package io.kefu.server.routing;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds or creates the router of a shop. Thread-safe. A router whose shop failed to load drops itself,
 * so a later call tries again (and an unknown shop id costs one look-up per call, bounded by rate limits).
 */
public final class ShopRouters {
    private final ConcurrentHashMap<String, ShopRouter> routers = new ConcurrentHashMap<>();
    private final RouterLanes lanes;
    private final RouterContext ctx;
    private final OpenConversations open = new OpenConversations();

    public ShopRouters(RouterLanes lanes, RouterContext ctx) {
        this.lanes = lanes;
        this.ctx = ctx;
    }

    public ShopRouter forShop(String shopId) {
        return routers.computeIfAbsent(shopId, id -> new ShopRouter(id, lanes.laneFor(id), ctx, open, this::drop));
    }

    /** Which shops a buyer has open conversations with, as the loaded routers know (see {@link OpenConversations}). */
    public List<String> shopsWithOpenConversations(String buyerId) {
        return open.shopsOf(buyerId);
    }

    /** Tells a loaded router that its groups or agents changed. */
    public void refresh(String shopId) {
        ShopRouter router = routers.get(shopId);
        if (router != null) {
            router.refreshDirectory();
        }
    }

    public int loaded() {
        return routers.size();
    }

    private void drop(ShopRouter router) {
        routers.remove(router.shopId(), router);
    }
}
