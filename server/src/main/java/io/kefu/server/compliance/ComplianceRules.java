package io.kefu.server.compliance;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.RuleRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule changes and audit reads for the HTTP API. Every method blocks on the database and runs on a store
 * thread. A change is written, then the affected rule set is read back and rebuilt in the
 * {@link ComplianceFilter} before the method returns: once the API has answered, every check sees it.
 * Another shop's rule answers {@code not_found}, as does a platform rule asked for as a shop's.
 */
public final class ComplianceRules {
    private static final Logger log = LoggerFactory.getLogger(ComplianceRules.class);
    /** Rules per shop. */
    public static final int MAX_SHOP_RULES = 1_000;
    /** Stored platform rules (the built-in ones not counted). */
    public static final int MAX_PLATFORM_RULES = 10_000;

    private final ComplianceStore store;
    private final ComplianceFilter filter;
    private final IdGenerator ids;
    private final Clock clock;

    public ComplianceRules(ComplianceStore store, ComplianceFilter filter, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private ComplianceRules() {
        this.store = null;
        this.filter = null;
        this.ids = null;
        this.clock = null;
    }

    /** For an API built without the filter (tests of other endpoints): every call answers {@code internal}. */
    public static ComplianceRules unavailable() {
        return new ComplianceRules();
    }

    /** The filter these rules feed, for the message path. */
    public ComplianceFilter filter() {
        requireAvailable();
        return filter;
    }

    /** The built-in rules, then the stored platform rules, oldest first. */
    public List<Rule> platformRules() {
        requireAvailable();
        List<Rule> all = new ArrayList<>(BuiltInRules.ALL);
        store.platformRules().forEach(r -> all.add(Rule.fromRecord(r)));
        return all;
    }

    public Rule addPlatformRule(RuleDraft draft) {
        requireAvailable();
        requireRoom(null, MAX_PLATFORM_RULES);
        Rule rule = draft.toRule(ids.next(), null, clock.millis());
        store.insertRule(rule.toRecord());
        filter.reloadPlatform();
        log.info("Platform compliance rule added id={} type={} action={}", rule.id(), rule.type().wire(),
                rule.action().wire());
        return rule;
    }

    public void deletePlatformRule(String ruleId) {
        requireAvailable();
        if (BuiltInRules.ALL.stream().anyMatch(r -> r.id().equals(ruleId))) {
            throw KefuException.invalidState("rule '" + ruleId + "' is built in and cannot be deleted");
        }
        RuleRecord r = store.findRule(ruleId).filter(x -> x.shopId() == null)
                .orElseThrow(() -> KefuException.notFound("platform rule '" + ruleId + "' not found"));
        store.deleteRule(r.id());
        filter.reloadPlatform();
        log.info("Platform compliance rule deleted id={}", ruleId);
    }

    public List<Rule> shopRules(String shopId) {
        requireAvailable();
        return store.shopRules(shopId).stream().map(Rule::fromRecord).toList();
    }

    public Rule addShopRule(String shopId, RuleDraft draft) {
        requireAvailable();
        requireRoom(shopId, MAX_SHOP_RULES);
        Rule rule = draft.toRule(ids.next(), shopId, clock.millis());
        store.insertRule(rule.toRecord());
        filter.reloadShop(shopId);
        log.info("Shop compliance rule added shop={} id={} type={} action={}", shopId, rule.id(), rule.type().wire(),
                rule.action().wire());
        return rule;
    }

    public void deleteShopRule(String shopId, String ruleId) {
        requireAvailable();
        RuleRecord r = store.findRule(ruleId).filter(x -> shopId.equals(x.shopId()))
                .orElseThrow(() -> KefuException.notFound("rule '" + ruleId + "' not found in shop " + shopId));
        store.deleteRule(r.id());
        filter.reloadShop(shopId);
        log.info("Shop compliance rule deleted shop={} id={}", shopId, ruleId);
    }

    /** The shop's audit entries with {@code from <= ts < to}, newest first, at most {@code limit}. */
    public List<AuditEntry> audit(String shopId, long from, long to, int limit) {
        requireAvailable();
        return store.audit(shopId, from, to, limit).stream().map(AuditEntry::fromRecord).toList();
    }

    private void requireAvailable() {
        if (store == null) {
            throw new KefuException(ErrorCode.INTERNAL, "the compliance filter is not wired into this server");
        }
    }

    private void requireRoom(String shopId, int max) {
        int count = store.countRules(shopId);
        if (count >= max) {
            throw KefuException.invalidState((shopId == null ? "the platform" : "shop " + shopId) + " has " + count
                    + " rules, the most allowed; delete one first");
        }
    }
}
