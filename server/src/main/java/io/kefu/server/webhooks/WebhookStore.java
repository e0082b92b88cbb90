package io.kefu.server.webhooks;

import java.util.List;
import java.util.Optional;

/**
 * Where webhooks and their deliveries are kept. Every method blocks on the database: call it on the store executor
 * or the webhook worker thread, never on an event loop or a router lane.
 */
public interface WebhookStore {
    /** The shop's webhooks, oldest first. */
    List<Webhook> list(String shopId);

    Optional<Webhook> find(String shopId, String webhookId);

    /** Adds {@code webhook} unless the shop has {@code maxPerShop} already ({@code invalid_state}); unknown shop: {@code not_found}. */
    void insert(Webhook webhook, int maxPerShop);

    /** Removes the webhook and its deliveries; false when the shop has no such webhook. */
    boolean delete(String shopId, String webhookId);

    /** Stores new pending deliveries, all in one transaction. */
    void addDeliveries(List<Delivery> deliveries);

    /**
     * Records an attempt's outcome. A finished delivery stays in the log; the log keeps the newest {@code keepLog}
     * finished deliveries of its webhook. Does nothing when the webhook was deleted meanwhile.
     */
    void updateDelivery(Delivery delivery, int keepLog);

    /** Pending deliveries of every shop, soonest first, at most {@code limit} (the backlog a restart takes up). */
    List<Delivery> pending(int limit);

    /** Pending deliveries of one shop, soonest first, at most {@code limit} (what a node taking the shop over takes up). */
    List<Delivery> pendingOf(String shopId, int limit);

    /** The webhook's newest deliveries, pending and finished, newest first. */
    List<Delivery> recent(String webhookId, int limit);

    /** How many deliveries of the webhook are pending. */
    int pendingCount(String webhookId);
}
