package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
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
        }).thenApply(ComplianceEndpoints::ruleJson);
    }

    CompletableFuture<ObjectNode> deleteShopRule(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String ruleId = r.param("ruleId");
        return s.storeExecutor().submit(() -> {
            s.compliance().deleteShopRule(shopId, ruleId);
            return deleted(ruleId);
        });
    }

    /** Entries with {@code from <= ts < to} (epoch ms), newest first, at most {@code limit}. */
    CompletableFuture<ObjectNode> audit(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        long from = r.queryLong("from", 0, 0, Long.MAX_VALUE);
        long to = r.queryLong("to", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int limit = (int) r.queryLong("limit", DEFAULT_AUDIT_LIMIT, 1, MAX_AUDIT_LIMIT);
        return s.storeExecutor().submit(() -> s.compliance().audit(shopId, from, to, limit)).thenApply(list -> {
            ObjectNode out = ApiJson.object();
            ArrayNode entries = out.putArray("entries");
            list.forEach(e -> entries.add(auditJson(e)));
            return out;
        });
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
        ObjectNode node = ApiJson.object().put("id", e.id()).put("ts", e.ts());
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
