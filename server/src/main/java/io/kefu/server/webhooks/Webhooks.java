package io.kefu.server.webhooks;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A shop's webhooks as the API manages them (contract §10): add, list with each one's delivery state, delete, and a
 * webhook's delivery log. Every store call runs on the store executor; the futures complete there. Any thread.
 */
public class Webhooks {
    /** A webhook with its delivery state: pending deliveries and the newest delivery, if any. */
    public record Status(Webhook webhook, int pending, Optional<Delivery> latest) {
    }

    private final WebhookStore store;
    private final StoreExecutor executor;
    private final IdGenerator ids;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;

    public Webhooks(WebhookStore store, StoreExecutor executor, IdGenerator ids, Clock clock,
                    WebhookDispatcher dispatcher) {
        this.store = store;
        this.executor = executor;
        this.ids = ids;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** Without webhooks (tests of the API alone): every call fails {@code internal}. */
    public static Webhooks unavailable() {
        return new Webhooks(null, null, null, null, null) {
            @Override
            public CompletableFuture<Webhook> create(String shopId, String url, Set<WebhookEvent> events, String secret) {
                return fail();
            }

            @Override
            public CompletableFuture<List<Status>> list(String shopId) {
                return fail();
            }

            @Override
            public CompletableFuture<Void> delete(String shopId, String webhookId) {
                return fail();
            }

            @Override
            public CompletableFuture<List<Delivery>> deliveries(String shopId, String webhookId, int limit) {
                return fail();
            }

            private <T> CompletableFuture<T> fail() {
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL, "webhooks are not available"));
            }
        };
    }

    /** Where features offer events (the after-sales workflow: {@code aftersale.updated}); {@link WebhookEvents#NOOP} when unavailable. */
    public WebhookEvents events() {
        return dispatcher == null ? WebhookEvents.NOOP : dispatcher;
    }

    /** {@code url} and {@code events} checked by {@link WebhookRules}; the shop's limit is checked in the store. */
    public CompletableFuture<Webhook> create(String shopId, String url, Set<WebhookEvent> events, String secret) {
        Webhook w = new Webhook(ids.next(), shopId, url, events, secret, clock.millis());
        return executor.submit(() -> {
            store.insert(w, WebhookRules.MAX_PER_SHOP);
            dispatcher.invalidate(shopId);
            return w;
        });
    }

    public CompletableFuture<List<Status>> list(String shopId) {
        return executor.submit(() -> {
            List<Status> out = new ArrayList<>();
            for (Webhook w : store.list(shopId)) {
                out.add(new Status(w, store.pendingCount(w.id()), store.recent(w.id(), 1).stream().findFirst()));
            }
            return out;
        });
    }

    /** {@code not_found} when the shop has no such webhook. */
    public CompletableFuture<Void> delete(String shopId, String webhookId) {
        return executor.submit(() -> {
            if (!store.delete(shopId, webhookId)) {
                throw notFound(webhookId);
            }
            dispatcher.invalidate(shopId);
            dispatcher.forget(webhookId);
            return null;
        });
    }

    /** The webhook's newest deliveries, newest first; {@code not_found} when the shop has no such webhook. */
    public CompletableFuture<List<Delivery>> deliveries(String shopId, String webhookId, int limit) {
        return executor.submit(() -> {
            store.find(shopId, webhookId).orElseThrow(() -> notFound(webhookId));
            return store.recent(webhookId, limit);
        });
    }

    private static KefuException notFound(String webhookId) {
        return KefuException.notFound("webhook '" + webhookId + "' not found");
    }
}
