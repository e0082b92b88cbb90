package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Principal;
import io.kefu.server.webhooks.Delivery;
import io.kefu.server.webhooks.Webhook;
import io.kefu.server.webhooks.WebhookEvent;
import io.kefu.server.webhooks.WebhookRules;
import io.kefu.server.webhooks.Webhooks;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A shop's webhooks over HTTP (contract §10, docs/webhooks.md), for its admins and the platform admin; anyone else is
 * {@code forbidden}, as for the shop's other settings. Role and body checks run on the calling event loop, the rest
 * on the store executor (see {@link Webhooks}). The secret is write-only: no answer shows it.
 */
final class WebhookEndpoints {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final Webhooks webhooks;
    private final AdminAudit audit;

    WebhookEndpoints(ApiServices services) {
        this.webhooks = services.webhooks();
        this.audit = services.audit();
    }

    CompletableFuture<ObjectNode> create(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        String url = WebhookRules.url(b.string("url", WebhookRules.MAX_URL));
        Set<WebhookEvent> events = WebhookRules.events(b.stringList("events", true, WebhookEvent.values().length, 64)
                .orElseThrow());
        String secret = b.rawString("secret", WebhookRules.MIN_SECRET, WebhookRules.MAX_SECRET);
        return webhooks.create(shopId, url, events, secret).thenApply(w -> {
            // The receiver's host and the events: never the secret, nor a path or query that may carry one.
            audit.record(shopId, AdminAudit.WEBHOOK_CHANGE, who, w.id(), "created host=" + java.net.URI.create(url)
                    .getHost() + " events=" + events.stream().map(WebhookEvent::wire).sorted().toList(), r.client());
            return ApiJson.object().put("id", w.id());
        });
    }

    CompletableFuture<ObjectNode> list(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return webhooks.list(shopId).thenApply(list -> ApiJson.list("webhooks", list, WebhookEndpoints::webhookJson));
    }

    CompletableFuture<ObjectNode> delete(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String id = r.param("webhookId");
        return webhooks.delete(shopId, id).thenApply(ignored -> {
            audit.record(shopId, AdminAudit.WEBHOOK_CHANGE, who, id, "deleted", r.client());
            return ApiJson.object().put("id", id).put("deleted", true);
        });
    }

    CompletableFuture<ObjectNode> deliveries(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        int limit = (int) r.queryLong("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return webhooks.deliveries(shopId, r.param("webhookId"), limit)
                .thenApply(list -> ApiJson.list("deliveries", list, WebhookEndpoints::deliveryJson));
    }

    private static ObjectNode webhookJson(Webhooks.Status s) {
        Webhook w = s.webhook();
        ObjectNode out = ApiJson.object().put("id", w.id()).put("url", w.url());
        ArrayNode events = out.putArray("events");
        for (WebhookEvent e : WebhookEvent.values()) {
            if (w.wants(e)) {
                events.add(e.wire());
            }
        }
        out.put("createdAt", w.createdAt());
        ObjectNode delivery = out.putObject("delivery").put("pending", s.pending());
        s.latest().ifPresentOrElse(d -> delivery.set("latest", deliveryJson(d)), () -> delivery.putNull("latest"));
        return out;
    }

    static ObjectNode deliveryJson(Delivery d) {
        ObjectNode out = ApiJson.object().put("id", d.id()).put("event", d.event().wire()).put("state", d.state().wire())
                .put("attempts", d.attempts()).put("createdAt", d.createdAt());
        putOrNull(out, "lastAttemptAt", d.lastAttemptAt());
        putOrNull(out, "lastStatus", d.lastStatus());
        out.put("lastError", d.lastError());
        putOrNull(out, "nextAttemptAt", d.state() == Delivery.State.PENDING ? d.nextAt() : 0);
        return out;
    }

    /** 0 is "none" in the store; null on the wire. */
    private static void putOrNull(ObjectNode out, String field, long v) {
        if (v == 0) {
            out.putNull(field);
        } else {
            out.put(field, v);
        }
    }
}
