package io.kefu.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.aftersales.AfterSaleAction;
import io.kefu.server.aftersales.AfterSaleJson;
import io.kefu.server.aftersales.AfterSaleRules;
import io.kefu.server.aftersales.AfterSaleState;
import io.kefu.server.aftersales.AfterSaleType;
import io.kefu.server.aftersales.AfterSales;
import io.kefu.server.aftersales.BuyerProfiles;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.orders.OrderJson;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * After-sale tickets and buyer profiles over HTTP (contract §10, docs/aftersales.md). Role checks and body checks run
 * on the calling event loop, every failure naming the field; the work goes to {@link AfterSales} and
 * {@link BuyerProfiles}, which never block. The walls: another shop's or another buyer's ticket is
 * {@code not_found}.
 */
final class AfterSaleEndpoints {
    private static final String ACTIONS = String.join(", ", Arrays.stream(AfterSaleAction.values())
            .filter(AfterSaleAction::callable).map(AfterSaleAction::wire).toList());

    private final AfterSales aftersales;
    private final BuyerProfiles profiles;
    private final RoutingEndpoints buyers;

    AfterSaleEndpoints(ApiServices services, RoutingEndpoints buyers) {
        this.aftersales = services.aftersales();
        this.profiles = services.profiles();
        this.buyers = buyers;
    }

    CompletableFuture<ObjectNode> create(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        String orderNo = OrderJson.orderNo(b.string("orderNo", 64), "field 'orderNo'");
        String typeRaw = b.string("type", 16);
        AfterSaleType type = AfterSaleType.fromWire(typeRaw).orElseThrow(() -> KefuException.badRequest(
                "field 'type' must be refund, return or exchange, was '" + typeRaw + "'"));
        String reason = b.string("reason", AfterSaleRules.MAX_REASON);
        String conv = b.optionalString("conv", 64).orElse(null);
        Long amount = fen(b, "amount").orElse(null);
        List<String> evidence = AfterSaleRules.evidence(b.stringList("evidence", false, AfterSaleRules.MAX_EVIDENCE,
                AfterSaleRules.MAX_URL).orElse(List.of()));
        return aftersales.create(shopId, who, new io.kefu.server.aftersales.NewAfterSale(orderNo, conv, type, reason,
                amount, evidence)).thenApply(AfterSaleJson::json);
    }

    CompletableFuture<ObjectNode> list(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String stateRaw = r.queryText("state", 32);
        AfterSaleState state = stateRaw == null || stateRaw.isEmpty() ? null : AfterSaleState.fromWire(stateRaw)
                .orElseThrow(() -> KefuException.badRequest("query parameter 'state' must be one of "
                        + String.join(", ", Arrays.stream(AfterSaleState.values()).map(AfterSaleState::wire).toList())
                        + ", was '" + stateRaw + "'"));
        String buyerId = r.queryText("buyerId", 64);
        int limit = (int) r.queryLong("limit", AfterSaleRules.DEFAULT_LIMIT, 1, AfterSaleRules.MAX_LIMIT);
        return aftersales.list(shopId, state, buyerId == null || buyerId.isEmpty() ? null : buyerId, limit)
                .thenApply(list -> ApiJson.list("aftersales", list, AfterSaleJson::json));
    }

    CompletableFuture<ObjectNode> get(ApiRequest r, Principal who) {
        return aftersales.get(r.param("shopId"), ticketId(r), who).thenApply(AfterSaleJson::json);
    }

    CompletableFuture<ObjectNode> act(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String id = ticketId(r);
        String actionRaw = r.param("action");
        AfterSaleAction action = AfterSaleAction.fromWire(actionRaw).orElseThrow(() -> KefuException.badRequest(
                "action '" + shorten(actionRaw) + "' in the path must be one of " + ACTIONS));
        String note = null;
        Long amount = null;
        if (r.body().length > 0) {
            JsonBody b = r.json();
            note = b.optionalString("note", AfterSaleRules.MAX_NOTE).orElse(null);
            amount = fen(b, "amount").orElse(null);
        }
        return aftersales.act(shopId, id, who, action, note, amount).thenApply(AfterSaleJson::json);
    }

    /** The shop's view of a buyer (as before: id, name, tags, note) with the profile's figures. */
    CompletableFuture<ObjectNode> getProfile(ApiRequest r, Principal who) {
        return withFigures(r, buyers.getBuyer(r, who));
    }

    /** Sets tags and/or note (bounded, see {@link RoutingEndpoints}) and answers the whole profile. */
    CompletableFuture<ObjectNode> putProfile(ApiRequest r, Principal who) {
        return withFigures(r, buyers.putBuyer(r, who));
    }

    private CompletableFuture<ObjectNode> withFigures(ApiRequest r, CompletableFuture<ObjectNode> buyer) {
        String shopId = r.param("shopId");
        String buyerId = r.param("buyerId");
        return buyer.thenCompose(node -> profiles.figures(shopId, buyerId).thenApply(f -> {
            if (f == null) {
                return node;
            }
            putOrNull(node, "orders", f.orders());
            putOrNull(node, "spent", f.spent());
            node.put("conversations", f.conversations()).put("aftersales", f.aftersales());
            putOrNull(node, "lastSeenAt", f.lastSeenAt());
            return node;
        }));
    }

    private static void putOrNull(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** An optional amount in fen: a whole number, not negative (the order's total is checked later). */
    private static Optional<Long> fen(JsonBody b, String field) {
        return b.value(field).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw KefuException.badRequest("field '" + field + "' must be a whole, non-negative number of fen,"
                        + " was " + describe(v));
            }
            return v.longValue();
        });
    }

    private static String describe(JsonNode v) {
        return v.isNumber() ? v.asText() : ApiJson.kind(v);
    }

    private static String ticketId(ApiRequest r) {
        String id = r.param("aftersaleId");
        if (id.length() > 64) {
            throw KefuException.badRequest("after-sale id in the path must be at most 64 characters");
        }
        return id;
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
