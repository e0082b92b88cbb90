package io.kefu.server.compliance;

import io.kefu.server.store.AuditRecord;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.RuleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link ComplianceStore} in a list, for unit tests of the filter. Thread-safe (synchronized). */
class InMemoryComplianceStore implements ComplianceStore {
    private final List<RuleRecord> rules = new ArrayList<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private int reads;

    /** How many times a rule set was read. */
    synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized List<RuleRecord> platformRules() {
        reads++;
        return rules.stream().filter(r -> r.shopId() == null).toList();
    }

    @Override
    public synchronized List<RuleRecord> shopRules(String shopId) {
        reads++;
        return rules.stream().filter(r -> shopId.equals(r.shopId())).toList();
    }

    @Override
    public synchronized int countRules(String shopId) {
        return (int) rules.stream().filter(r -> Objects.equals(shopId, r.shopId())).count();
    }

    @Override
    public synchronized void insertRule(RuleRecord rule) {
        rules.add(rule);
    }

    @Override
    public synchronized Optional<RuleRecord> findRule(String ruleId) {
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }

    @Override
    public synchronized boolean deleteRule(String ruleId) {
        return rules.removeIf(r -> r.id().equals(ruleId));
    }

    @Override
    public synchronized void insertAudit(List<AuditRecord> entries) {
        audit.addAll(entries);
    }

    @Override
    public synchronized List<AuditRecord> audit(String shopId, long from, long to, int limit) {
        return audit.stream().filter(a -> a.shopId().equals(shopId) && a.ts() >= from && a.ts() < to)
                .sorted(Comparator.comparingLong(AuditRecord::ts).thenComparing(AuditRecord::id).reversed())
                .limit(limit).toList();
    }
}
