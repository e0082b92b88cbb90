package io.kefu.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Compliance rules (platform and per shop) and the compliance audit log. Runs on store threads only (the
 * audit writer's thread counts as one: it is not an event loop or a router lane).
 */
public interface ComplianceStore {

    /** The platform's stored rules (not the built-in ones), oldest first. */
    List<RuleRecord> platformRules();

    /** The shop's own rules, oldest first. */
    List<RuleRecord> shopRules(String shopId);

    /** How many rules the shop has ({@code null}: the platform). */
    int countRules(String shopId);

    void insertRule(RuleRecord rule);

    Optional<RuleRecord> findRule(String ruleId);

    /** Deletes the rule; {@code false} when there was none with that id. */
    boolean deleteRule(String ruleId);

    /** Writes the entries in one transaction. */
    void insertAudit(List<AuditRecord> entries);

    /** The shop's entries with {@code from <= ts < to}, newest first, at most {@code limit}. */
    List<AuditRecord> audit(String shopId, long from, long to, int limit);
}
