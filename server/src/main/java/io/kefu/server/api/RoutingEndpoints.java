package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Principal;
import io.kefu.server.routing.QueueView;
import io.kefu.server.settings.GroupStrategy;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.settings.SettingsJson;
import io.kefu.server.settings.WeeklyHours;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.BuyerRecord;
import io.kefu.server.store.GroupRecord;
import io.kefu.server.store.ShopBuyerRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing set-up over HTTP (contract v1.1 §5): a shop's routing settings, changes to groups and staff,
 * and the shop's tags and note for a buyer (read and written). Checks and body parsing run on the
 * calling event loop; the store in {@code storeExecutor} tasks, password hashing in {@code authExecutor}. Every change tells
 * routing ({@code shopChanged}) once it is stored, so the next request sees it.
 */
final class RoutingEndpoints {
    private static final Logger log = LoggerFactory.getLogger(RoutingEndpoints.class);
    static final int MAX_TAGS = 50;
    static final int MAX_TAG = 50;
    static final int MAX_NOTE = 2_000;

    private final ApiServices s;

    RoutingEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> getRouting(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return s.storeExecutor().submit(() -> s.shops().routingSettings(shopId)).thenApply(SettingsJson::toJson);
    }

    CompletableFuture<ObjectNode> putRouting(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody body = r.json();
        SettingsJson.merge(RoutingSettings.DEFAULT, body.node()); // refuse bad input before the store is asked
        return s.storeExecutor().submit(() -> {
            RoutingSettings merged = SettingsJson.merge(s.shops().routingSettings(shopId), body.node());
            List<String> groupIds = s.shops().groups(shopId).stream().map(GroupRecord::id).toList();
            merged.tagGroups().forEach((tag, group) -> {
                if (!groupIds.contains(group)) {
                    throw KefuException.badRequest("field 'tagGroups." + tag + "' names group '" + group
                            + "', which is not a group of shop " + shopId);
                }
            });
            s.shops().saveRoutingSettings(shopId, merged);
            return merged;
        }).thenApply(settings -> {
            log.info("Routing settings changed shop={} by={}", shopId, who.userId());
            s.audit().record(shopId, AdminAudit.ROUTING_CHANGE, who, shopId, "fields=" + fields(body), r.client());
            s.shopChanged().accept(shopId);
            return SettingsJson.toJson(settings);
        });
    }

    CompletableFuture<ObjectNode> patchGroup(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String groupId = r.param("groupId");
        JsonBody b = r.json();
        Optional<String> name = b.optionalString("name", ShopEndpoints.MAX_NAME);
        Optional<GroupStrategy> strategy = b.optionalString("strategy", 20).map(RoutingEndpoints::strategy);
        Optional<Boolean> isDefault = b.optionalBoolean("isDefault");
        Optional<List<String>> entryTypes = ShopEndpoints.entryTypes(b);
        Optional<Integer> overflowAfter = b.optionalInteger("overflowAfterSec", 0, ShopEndpoints.MAX_OVERFLOW_SEC);
        boolean overflowGiven = b.value("overflowTo").isPresent() || b.node().has("overflowTo");
        Optional<String> overflowTo = b.optionalString("overflowTo", ShopEndpoints.MAX_ID);
        return s.storeExecutor().submit(() -> {
            GroupRecord g = s.shops().groups(shopId).stream().filter(x -> x.id().equals(groupId)).findFirst()
                    .orElseThrow(() -> KefuException.notFound("group '" + groupId + "' not found in shop " + shopId));
            String to = overflowGiven ? overflowTo.orElse(null) : g.overflowTo();
            int after = overflowAfter.orElse(overflowGiven && to == null ? 0 : g.overflowAfterSec());
            ShopEndpoints.checkOverflow(to, after);
            return s.shops().updateGroup(new GroupRecord(g.id(), shopId, name.orElse(g.name()),
                    isDefault.orElse(g.isDefault()), entryTypes.orElse(g.entryTypes()), to, after,
                    strategy.orElse(g.strategy())));
        }).thenApply(g -> {
            log.info("Group changed shop={} group={} strategy={}", shopId, g.id(), g.strategy().wire());
            s.audit().record(shopId, AdminAudit.GROUP_CHANGE, who, g.id(), "fields=" + fields(b), r.client());
            s.shopChanged().accept(shopId);
            return ShopEndpoints.groupJson(g);
        });
    }

    CompletableFuture<ObjectNode> patchAgent(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String agentId = r.param("agentId");
        JsonBody b = r.json();
        Optional<String> name = b.optionalString("name", ShopEndpoints.MAX_NAME);
        Optional<List<String>> groups = b.stringList("groups", false, 100, ShopEndpoints.MAX_ID);
        Optional<Integer> maxConcurrent = b.optionalInteger("maxConcurrent", 0, ShopEndpoints.MAX_CONCURRENT);
        Optional<Role> role = b.optionalString("role", 16).map(ShopEndpoints::staffRole);
        Optional<String> password = b.value("password").isPresent()
                ? Optional.of(b.rawString("password", ShopEndpoints.MIN_PASSWORD, ShopEndpoints.MAX_PASSWORD))
                : Optional.empty();
        Optional<WeeklyHours> shifts = b.value("shifts").map(v -> SettingsJson.hours(v, "shifts"));
        if (role.isPresent() || password.isPresent()) {
            Permissions.require(who, Permission.STAFF_ROLE_OR_PASSWORD, shopId);
        }
        CompletableFuture<Optional<String>> hash = password.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : s.authExecutor().submit(() -> Optional.of(s.hasher().hash(password.get())));
        return hash.thenCompose(newHash -> s.storeExecutor().submit(() -> {
            AgentRecord a = s.shops().findAgent(agentId).filter(x -> x.shopId().equals(shopId))
                    .orElseThrow(() -> KefuException.notFound("agent '" + agentId + "' not found in shop " + shopId));
            AgentRecord updated = s.shops().updateAgent(new AgentRecord(a.id(), shopId, a.username(),
                    a.passwordHash(), name.orElse(a.name()), role.orElse(a.role()),
                    maxConcurrent.orElse(a.maxConcurrent()), groups.orElse(a.groupIds()), shifts.orElse(a.shifts()),
                    a.disabled(), a.tokenVersion()));
            // A new password also retires every token issued so far (docs/staff.md).
            return newHash.isEmpty() ? updated
                    : s.shops().setPassword(shopId, a.id(), newHash.get()).withGroups(updated.groupIds());
        })).thenApply(a -> {
            if (password.isPresent()) {
                s.jwt().staffTokens().remember(a.id(), a.disabled(), a.tokenVersion());
                s.sessions().close(a.id(), StaffEndpoints.CLOSE_UNAUTHORIZED, "the password was changed by a shop admin;"
                        + " log in again");
            }
            s.audit().record(shopId, AdminAudit.STAFF_CHANGE, who, a.id(), "fields=" + fields(b), r.client());
            log.info("Staff changed shop={} agent={} by={}", shopId, a.id(), who.userId());
            s.shopChanged().accept(shopId);
            return ShopEndpoints.agentJson(a);
        });
    }

    /** The names of the fields a body sets, for the audit trail: never their values (a password may be one). */
    static String fields(JsonBody b) {
        java.util.List<String> names = new java.util.ArrayList<>();
        b.node().fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }

    /**
     * The shop's view of a buyer, as {@link #putBuyer} answers it: no tags and no note until the shop sets
     * some; {@code not_found} for a buyer Kefu has never heard of, in this shop or elsewhere.
     */
    CompletableFuture<ObjectNode> getBuyer(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String buyerId = buyerId(r);
        return s.storeExecutor().submit(() -> {
            if (s.shops().findShop(shopId).isEmpty()) {
                throw KefuException.notFound("shop '" + shopId + "' not found");
            }
            Optional<ShopBuyerRecord> own = s.buyers().findShopBuyer(shopId, buyerId);
            Optional<BuyerRecord> buyer = s.buyers().findBuyer(buyerId);
            if (own.isEmpty() && buyer.isEmpty()) {
                throw KefuException.notFound("buyer '" + buyerId + "' not found");
            }
            return new BuyerView(own.orElse(new ShopBuyerRecord(shopId, buyerId, List.of(), null)),
                    buyer.map(BuyerRecord::name).orElse(null));
        }).thenApply(v -> buyerJson(v.record(), v.name()));
    }

    CompletableFuture<ObjectNode> putBuyer(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String buyerId = buyerId(r);
        JsonBody b = r.json();
        Optional<List<String>> tags = b.stringList("tags", false, MAX_TAGS, MAX_TAG);
        tags.ifPresent(list -> list.forEach(t -> {
            if (t.contains(",")) {
                throw KefuException.badRequest("field 'tags' entries must not contain a comma, was '" + t + "'");
            }
        }));
        Optional<String> note = b.value("note").isPresent()
                ? Optional.of(b.rawString("note", 0, MAX_NOTE)) : Optional.empty();
        return s.storeExecutor().submit(() -> {
            ShopBuyerRecord saved = s.buyers().saveShopBuyer(shopId, buyerId, tags, note);
            return new BuyerView(saved, s.buyers().findBuyer(buyerId).map(x -> x.name()).orElse(null));
        }).thenApply(v -> {
            log.info("Buyer changed shop={} buyer={} by={}", shopId, buyerId, who.userId());
            s.shopChanged().accept(shopId);
            return buyerJson(v.record(), v.name());
        });
    }

    CompletableFuture<ObjectNode> queue(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return s.routing().queue(shopId).thenApply(RoutingEndpoints::queueJson);
    }

    static ObjectNode queueJson(QueueView view) {
        ObjectNode out = ApiJson.object();
        ArrayNode groups = out.putArray("groups");
        for (QueueView.Group g : view.groups()) {
            ObjectNode gj = groups.addObject().put("id", g.id()).put("name", g.name()).put("strategy", g.strategy());
            ArrayNode queued = gj.putArray("queued");
            for (QueueView.Waiting w : g.queued()) {
                ObjectNode wj = queued.addObject().put("conv", w.conv()).put("buyer", w.buyer())
                        .put("priority", w.priority()).put("position", w.position()).put("waitedSec", w.waitedSec())
                        .put("etaSec", w.etaSec());
                if (w.waitingFor() != null) {
                    wj.put("waitingFor", w.waitingFor());
                }
            }
            ArrayNode agents = gj.putArray("agents");
            for (QueueView.Agent a : g.agents()) {
                agents.addObject().put("id", a.id()).put("name", a.name()).put("status", a.status())
                        .put("active", a.active()).put("maxConcurrent", a.maxConcurrent()).put("onShift", a.onShift())
                        .put("connections", a.connections());
            }
        }
        return out;
    }

    private static String buyerId(ApiRequest r) {
        String buyerId = r.param("buyerId");
        if (buyerId.length() > ShopEndpoints.MAX_ID) {
            throw KefuException.badRequest("buyer id must be at most " + ShopEndpoints.MAX_ID + " characters");
        }
        return buyerId;
    }

    private record BuyerView(ShopBuyerRecord record, String name) {
    }

    static ObjectNode buyerJson(ShopBuyerRecord b, String name) {
        ObjectNode node = ApiJson.object().put("id", b.buyerId());
        if (name != null) {
            node.put("name", name);
        }
        ArrayNode tags = node.putArray("tags");
        b.tags().forEach(tags::add);
        if (b.note() != null) {
            node.put("note", b.note());
        } else {
            node.putNull("note");
        }
        return node;
    }

    private static GroupStrategy strategy(String raw) {
        return GroupStrategy.fromWire(raw).orElseThrow(() -> KefuException.badRequest(
                "field 'strategy' must be least-busy, round-robin, longest-idle or manual, was '" + raw + "'"));
    }
}
