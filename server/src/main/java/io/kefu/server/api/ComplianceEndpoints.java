package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.AdminAuditRecord;
import java.util.ArrayList;
import java.util.Comparator;
import io.kefu.server.compliance.AuditEntry;
import io.kefu.server.compliance.Rule;
import io.kefu.server.compliance.RuleDraft;
import io.kefu.server.compliance.Sender;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Compliance rules and the audit log over HTTP (contract §8): platform rules for the admin key, a shop's
 * rules and audit log for its managers. Checks and body parsing run on the calling event loop; reads,
 * writes and the rule-set rebuild in one {@code storeExecutor} task each, so once a change is answered the
 * filter applies it.
 */
final class ComplianceEndpoints {
    static final int DEFAULT_AUDIT_LIMIT = 100;
    static final int MAX_AUDIT_LIMIT = 500;

    private final ApiServices s;

    ComplianceEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> listPlatformRules(Principal who) {
        return s.storeExecutor().submit(() -> s.compliance().platformRules())
                .thenApply(ComplianceEndpoints::rulesJson);
    }

    CompletableFuture<ObjectNode> createPlatformRule(ApiRequest r, Principal who) {
        RuleDraft draft = draft(r.json());
        return s.storeExecutor().submit(() -> s.compliance().addPlatformRule(draft))
                .thenApply(ComplianceEndpoints::ruleJson);
    }

    CompletableFuture<ObjectNode> deletePlatformRule(ApiRequest r, Principal who) {
        String ruleId = r.param("ruleId");
        return s.storeExecutor().submit(() -> {
            s.compliance().deletePlatformRule(ruleId);
            return deleted(ruleId);
        });
    }

    CompletableFuture<ObjectNode> listShopRules(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return s.storeExecutor().submit(() -> s.compliance().shopRules(shopId))
                .thenApply(ComplianceEndpoints::rulesJson);
    }

    CompletableFuture<ObjectNode> createShopRule(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        RuleDraft draft = draft(r.json());
        return s.storeExecutor().submit(() -> {
            s.shops().findShop(shopId).orElseThrow(() -> KefuException.notFound("shop " + shopId + " not found"));
            return s.compliance().addShopRule(shopId, draft);
        }).thenApply(rule -> {
            s.audit().record(shopId, AdminAudit.RULE_CREATE, who, rule.id(), "name=" + rule.name() + " action="
                    + rule.action().wire(), r.client());
            return ruleJson(rule);
        });
    }

    CompletableFuture<ObjectNode> deleteShopRule(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String ruleId = r.param("ruleId");
        return s.storeExecutor().submit(() -> {
            s.compliance().deleteShopRule(shopId, ruleId);
            s.audit().record(shopId, AdminAudit.RULE_DELETE, who, ruleId, null, r.client());
            return deleted(ruleId);
        });
    }

    /**
     * Entries with {@code from <= ts < to} (epoch ms), newest first, at most {@code limit}: the compliance log's
     * (type {@code compliance.block} or {@code compliance.warn}) and, for those with {@code ADMIN_AUDIT_EVENTS},
     * the admin audit trail's (docs/staff.md). {@code type} keeps only some: a comma-separated list of types or
     * families ({@code login} is {@code login.ok} and {@code login.failed}).
     */
    CompletableFuture<ObjectNode> audit(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        long from = r.queryLong("from", 0, 0, Long.MAX_VALUE);
        long to = r.queryLong("to", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) r.queryLong("limit", DEFAULT_AUDIT_LIMIT, 1, MAX_AUDIT_LIMIT);
        List<String> types = auditTypes(r);
        boolean compliance = types.isEmpty() || types.stream().anyMatch(t -> matches(t, "compliance.block")
                || matches(t, "compliance.warn"));
        List<String> adminTypes = types.stream().filter(t -> !t.startsWith("compliance")).toList();
        boolean admin = Permissions.allows(who, Permission.ADMIN_AUDIT_EVENTS, shopId)
                && (types.isEmpty() || !adminTypes.isEmpty());
        return s.storeExecutor().submit(() -> {
            List<ObjectNode> all = new ArrayList<>();
            if (compliance) {
                s.compliance().audit(shopId, from, to, limit).stream()
                        .filter(e -> types.isEmpty() || types.stream().anyMatch(t -> matches(t, complianceType(e))))
                        .forEach(e -> all.add(auditJson(e)));
            }
            if (admin) {
                s.audit().read(shopId, from, to, adminTypes, limit).forEach(e -> all.add(adminJson(e)));
            }
            all.sort(Comparator.comparingLong((ObjectNode n) -> -n.path("ts").asLong())
                    .thenComparing(n -> n.path("id").asText(), Comparator.reverseOrder()));
            return all.subList(0, Math.min(limit, all.size()));
        }).thenApply(list -> {
            ObjectNode out = ApiJson.object();
            ArrayNode entries = out.putArray("entries");
            list.forEach(entries::add);
            return out;
        });
    }

    /** The {@code type} query parameter: up to 20 comma-separated types or families. */
    private static List<String> auditTypes(ApiRequest r) {
        String raw = r.queryText("type", 400);
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<String> types = java.util.Arrays.stream(raw.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .distinct().toList();
        if (types.size() > 20 || types.stream().anyMatch(t -> !t.matches("[a-z][a-z_.]{0,39}"))) {
            throw KefuException.badRequest("query parameter 'type' must be up to 20 comma-separated audit types such as"
                    + " login, login.failed, staff or compliance (docs/staff.md), was '" + raw + "'");
        }
        return types;
    }

    private static boolean matches(String asked, String type) {
        return type.equals(asked) || type.startsWith(asked + ".");
    }

    private static String complianceType(AuditEntry e) {
        return "compliance." + e.action().wire();
    }

    static ObjectNode adminJson(AdminAuditRecord e) {
        ObjectNode node = ApiJson.object().put("id", e.id()).put("ts", e.ts()).put("type", e.type());
        ObjectNode actor = node.putObject("actor").put("type", e.actorType());
        if (e.actorId() != null) {
            actor.put("id", e.actorId());
        }
        node.put("target", e.target()).put("detail", e.detail()).put("address", e.address());
        return node;
    }

    private static RuleDraft draft(JsonBody b) {
        return RuleDraft.parse(b.string("name", RuleDraft.MAX_NAME), b.string("type", 16),
                b.string("pattern", RuleDraft.MAX_PATTERN),
                b.stringList("variants", false, RuleDraft.MAX_VARIANTS, RuleDraft.MAX_PATTERN),
                b.optionalString("action", 16), b.stringList("appliesTo", false, 3, 16));
    }

    private static ObjectNode deleted(String ruleId) {
        return ApiJson.object().put("id", ruleId).put("deleted", true);
    }

    private static ObjectNode rulesJson(List<Rule> rules) {
        ObjectNode out = ApiJson.object();
        ArrayNode list = out.putArray("rules");
        rules.forEach(rule -> list.add(ruleJson(rule)));
        return out;
    }

    static ObjectNode ruleJson(Rule rule) {
        ObjectNode node = ApiJson.object().put("id", rule.id()).put("name", rule.name()).put("type", rule.type().wire())
                .put("pattern", rule.pattern());
        ArrayNode variants = node.putArray("variants");
        rule.variants().forEach(variants::add);
        node.put("action", rule.action().wire());
        ArrayNode applies = node.putArray("appliesTo");
        rule.appliesToInOrder().stream().map(Sender::wire).forEach(applies::add);
        node.put("builtIn", rule.builtIn());
        return node;
    }

    static ObjectNode auditJson(AuditEntry e) {
        ObjectNode node = ApiJson.object().put("id", e.id()).put("ts", e.ts()).put("type", complianceType(e));
        ObjectNode actor = node.putObject("actor").put("type", e.actorType().wire());
        if (e.actorId() != null) {
            actor.put("id", e.actorId());
        }
        if (e.conv() != null) {
            node.put("conv", e.conv());
        } else {
            node.putNull("conv");
        }
        node.putObject("rule").put("id", e.ruleId()).put("name", e.ruleName());
        node.put("action", e.action().wire());
        node.put("excerpt", e.excerpt());
        return node;
    }
}
