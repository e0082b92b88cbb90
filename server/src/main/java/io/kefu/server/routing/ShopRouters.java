package io.kefu.server.routing;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.List;
import java.util.function.Predicate;
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

    /** Which shops this node may serve: all of them on one node; in a cluster, those it owns. */
    private volatile Predicate<String> serves = shop -> true;

    /** The shop's router on this node, made (and loaded from the store) on first use. */
    public ShopRouter forShop(String shopId) {
        ShopRouter router = routers.get(shopId);
        if (router != null) {
            return router;
        }
        if (!serves.test(shopId)) {
            // A router made here would be a second one beside the owner's: refused, retried by the client.
            throw new KefuException(ErrorCode.OVERLOADED, "shop " + shopId + " is served by another node; retry");
        }
        return routers.computeIfAbsent(shopId, id -> new ShopRouter(id, lanes.laneFor(id), ctx, open, this::drop));
    }

    /** Cluster mode: from now on only the shops {@code serves} accepts get a router here. */
    public void servesOnly(Predicate<String> serves) {
        this.serves = serves;
    }

    /**
     * Stops serving the shop on this node (see {@link ShopRouter#retire}); the next use makes a fresh router. The
     * answer completes once the old router's writes under way are stored (or failed).
     */
    public java.util.concurrent.CompletableFuture<Void> unload(String shopId, String why) {
        ShopRouter router = routers.remove(shopId);
        return router != null ? router.retire(why) : java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Stops serving every shop on this node. */
    public void unloadAll(String why) {
        for (String shopId : List.copyOf(routers.keySet())) {
            unload(shopId, why);
        }
    }

    /** The shops that have a router on this node now. */
    public java.util.Set<String> loadedShops() {
        return java.util.Set.copyOf(routers.keySet());
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
