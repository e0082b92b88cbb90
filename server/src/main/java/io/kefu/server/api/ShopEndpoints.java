package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.GroupRecord;
import io.kefu.server.store.ShopRecord;
import io.kefu.server.settings.GroupStrategy;
import io.kefu.server.settings.SettingsJson;
import io.kefu.server.routing.LiveView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shops, skill groups and staff. Checks and body parsing run on the calling event loop; store calls in
 * {@code storeExecutor} tasks, password hashing in an {@code authExecutor} task.
 */
final class ShopEndpoints {
    private static final Logger log = LoggerFactory.getLogger(ShopEndpoints.class);
    private static final Set<String> ENTRY_TYPES = Set.of(Entry.PRODUCT, Entry.ORDER, Entry.SHOP, Entry.AFTERSALE);
    static final int MAX_NAME = 100;
    static final int MAX_ID = 64;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    static final int MAX_CONCURRENT = 100;
    static final int MAX_OVERFLOW_SEC = 86_400;

    private final ApiServices s;

    ShopEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> createShop(ApiRequest r, Principal who) {
        String name = r.json().string("name", MAX_NAME);
        return s.storeExecutor().submit(() -> s.shops().createShop(name)).thenApply(shop -> {
            log.info("Shop created shop={}", shop.id());
            return ApiJson.object().put("id", shop.id());
        });
    }

    CompletableFuture<ObjectNode> createGroup(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        GroupRecord group = groupFrom(r.json(), shopId);
        return s.storeExecutor().submit(() -> storeGroup(group)).thenApply(g -> {
            log.info("Group created shop={} group={} default={}", shopId, g.id(), g.isDefault());
            s.audit().record(shopId, AdminAudit.GROUP_CREATE, who, g.id(), "name=" + g.name(), r.client());
            s.shopChanged().accept(shopId);
            return ApiJson.object().put("id", g.id());
        });
    }

    CompletableFuture<ObjectNode> listGroups(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return s.storeExecutor().submit(() -> {
            requireShop(shopId);
            return s.shops().groups(shopId);
        }).thenApply(groups -> ApiJson.list("groups", groups, ShopEndpoints::groupJson));
    }

    CompletableFuture<ObjectNode> createAgent(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        String username = username(b);
        String password = b.rawString("password", MIN_PASSWORD, MAX_PASSWORD);
        String name = b.string("name", MAX_NAME);
        List<String> groups = b.stringList("groups", true, 100, MAX_ID).orElseThrow();
        int maxConcurrent = b.integer("maxConcurrent", 0, MAX_CONCURRENT);
        Role role = staffRole(b.string("role", 16));
        return s.authExecutor().submit(() -> s.hasher().hash(password))
                .thenCompose(hash -> s.storeExecutor().submit(() -> s.shops().createAgent(
                        new AgentRecord(null, shopId, username, hash, name, role, maxConcurrent, groups))))
                .thenApply(a -> {
                    log.info("Staff created shop={} agent={} role={}", shopId, a.id(), a.role().wire());
                    s.audit().record(shopId, AdminAudit.STAFF_CREATE, who, a.id(), "username=" + a.username()
                            + " role=" + a.role().wire(), r.client());
                    s.shopChanged().accept(shopId);
                    return ApiJson.object().put("id", a.id());
                });
    }

    CompletableFuture<ObjectNode> listAgents(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return s.storeExecutor().submit(() -> {
            requireShop(shopId);
            return s.shops().agents(shopId);
        }).thenCompose(agents -> presence(shopId).thenApply(live -> {
            ObjectNode out = ApiJson.object();
            ArrayNode list = out.putArray("agents");
            for (AgentRecord a : agents) {
                LiveView.Agent now = live.get(a.id());
                list.add(agentJson(a).put("status", now == null ? "offline" : now.status())
                        .put("active", now == null ? 0 : now.active())
                        .put("unanswered", now == null ? 0 : now.unanswered()));
            }
            return out;
        }));
    }

    /**
     * Each agent's presence and load as the shop's router has them now, by id; empty when routing does not
     * answer (the API without routing, an overloaded lane): the listing then says everyone is offline and idle.
     */
    private CompletableFuture<Map<String, LiveView.Agent>> presence(String shopId) {
        return s.routing().live(shopId).handle((view, e) -> {
            Map<String, LiveView.Agent> byId = new HashMap<>();
            if (view != null) {
                view.agents().forEach(a -> byId.put(a.id(), a));
            } else {
                log.debug("agents of shop {} listed without presence: {}", shopId, KefuException.unwrap(e).toString());
            }
            return byId;
        });
    }

    private static GroupRecord groupFrom(JsonBody b, String shopId) {
        String name = b.string("name", MAX_NAME);
        boolean isDefault = b.optionalBoolean("isDefault").orElse(false);
        String overflowTo = b.optionalString("overflowTo", MAX_ID).orElse(null);
        int overflowAfterSec = b.optionalInteger("overflowAfterSec", 0, MAX_OVERFLOW_SEC).orElse(0);
        checkOverflow(overflowTo, overflowAfterSec);
        List<String> entryTypes = entryTypes(b).orElse(List.of());
        GroupStrategy strategy = b.optionalString("strategy", 20).map(raw -> GroupStrategy.fromWire(raw)
                .orElseThrow(() -> KefuException.badRequest("field 'strategy' must be least-busy, round-robin,"
                        + " longest-idle or manual, was '" + raw + "'"))).orElse(GroupStrategy.LEAST_BUSY);
        return new GroupRecord(null, shopId, name, isDefault, entryTypes, overflowTo, overflowAfterSec, strategy);
    }

    static void checkOverflow(String overflowTo, int overflowAfterSec) {
        if (overflowTo != null && overflowAfterSec == 0) {
            throw KefuException.badRequest("field 'overflowAfterSec' (1.." + MAX_OVERFLOW_SEC
                    + ") is required when 'overflowTo' is set");
        }
        if (overflowTo == null && overflowAfterSec != 0) {
            throw KefuException.badRequest("field 'overflowAfterSec' needs 'overflowTo', the group to overflow to");
        }
    }

    static Optional<List<String>> entryTypes(JsonBody b) {
        Optional<List<String>> entryTypes = b.stringList("entryTypes", false, ENTRY_TYPES.size(), 16);
        for (String type : entryTypes.orElse(List.of())) {
            if (!ENTRY_TYPES.contains(type)) {
                throw KefuException.badRequest("field 'entryTypes' may hold product, order, shop and aftersale, was '"
                        + type + "'");
            }
        }
        return entryTypes;
    }

    /** Runs on a store thread. The store itself answers not_found for an unknown shop or overflow group. */
    private GroupRecord storeGroup(GroupRecord group) {
        List<GroupRecord> existing = s.shops().groups(group.shopId());
        if (existing.stream().anyMatch(g -> g.name().equals(group.name()))) {
            throw KefuException.invalidState("shop " + group.shopId() + " already has a group named '"
                    + group.name() + "'");
        }
        return s.shops().createGroup(group);
    }

    /** Runs on a store thread. */
    private ShopRecord requireShop(String shopId) {
        return s.shops().findShop(shopId).orElseThrow(() -> KefuException.notFound("shop " + shopId + " not found"));
    }

    private static String username(JsonBody b) {
        String username = b.string("username", MAX_NAME);
        if (username.chars().anyMatch(Character::isWhitespace)) {
            throw KefuException.badRequest("field 'username' must not contain spaces");
        }
        return username;
    }

    static Role staffRole(String raw) {
        Role role = Role.fromWire(raw);
        if (role == null || !role.isStaff()) {
            throw KefuException.badRequest("field 'role' must be agent, supervisor or admin, was '" + raw + "'");
        }
        return role;
    }

    static ObjectNode groupJson(GroupRecord g) {
        ObjectNode node = ApiJson.object().put("id", g.id()).put("name", g.name()).put("isDefault", g.isDefault())
                .put("strategy", g.strategy().wire());
        g.entryTypes().forEach(node.putArray("entryTypes")::add);
        if (g.overflowTo() != null) {
            node.put("overflowTo", g.overflowTo()).put("overflowAfterSec", g.overflowAfterSec());
        }
        return node;
    }

    /** Never the password hash. */
    static ObjectNode agentJson(AgentRecord a) {
        ObjectNode node = ApiJson.object().put("id", a.id()).put("username", a.username()).put("name", a.name())
                .put("role", a.role().wire()).put("maxConcurrent", a.maxConcurrent()).put("disabled", a.disabled());
        a.groupIds().forEach(node.putArray("groups")::add);
        node.set("shifts", SettingsJson.toJson(a.shifts()));
        return node;
    }
}
