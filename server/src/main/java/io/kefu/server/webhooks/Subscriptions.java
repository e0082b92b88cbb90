package io.kefu.server.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;

/**
 * Each shop's webhooks, kept in a Caffeine cache so that routing's lanes can tell in one look-up whether a shop wants
 * an event. {@link #mayWant} runs on router lanes and never loads: a shop not in the cache may want it (the worker
 * finds out). {@link #webhooks} loads from the store, so only the webhook worker and store threads call it. A change
 * through the API invalidates the shop; entries also expire after a minute (another node's changes, in cluster mode).
 */
final class Subscriptions {
    private final WebhookStore store;
    private final Cache<String, List<Webhook>> byShop;

    Subscriptions(WebhookStore store, int maxShops) {
        this.store = store;
        this.byShop = Caffeine.newBuilder().maximumSize(maxShops).expireAfterWrite(Duration.ofMinutes(1)).build();
    }

    boolean mayWant(String shopId, WebhookEvent event) {
        List<Webhook> known = byShop.getIfPresent(shopId);
        if (known == null) {
            return true;
        }
        for (Webhook w : known) { // a loop, not a stream: this runs for every message
            if (w.wants(event)) {
                return true;
            }
        }
        return false;
    }

    /** Blocks on the store when the shop is not cached. */
    List<Webhook> webhooks(String shopId) {
        return byShop.get(shopId, store::list);
    }

    void invalidate(String shopId) {
        byShop.invalidate(shopId);
    }
}
