package io.kefu.server.routing;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds or creates the router of a shop. Thread-safe. A router whose shop failed to load drops itself,
 * so a later call tries again (and an unknown shop id costs one look-up per call, bounded by rate limits).
 */
public final class ShopRouters {
    private final ConcurrentHashMap<String, ShopRouter> routers = new ConcurrentHashMap<>();
    private final RouterLanes lanes;
    private final RouterContext ctx;

    public ShopRouters(RouterLanes lanes, RouterContext ctx) {
        this.lanes = lanes;
        this.ctx = ctx;
    }

    public ShopRouter forShop(String shopId) {
        return routers.computeIfAbsent(shopId, id -> new ShopRouter(id, lanes.laneFor(id), ctx, this::drop));
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
