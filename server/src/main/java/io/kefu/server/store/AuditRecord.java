package io.kefu.server.store;

import java.util.Objects;

/**
 * One stored compliance audit entry: a message that a rule blocked or warned about. {@code actorType} is
 * {@code agent}, {@code bot} or {@code buyer}; {@code action} is {@code block} or {@code warn};
 * {@code excerpt} is already masked. {@code actorId} and {@code conv} may be {@code null}. Immutable.
 */
public record AuditRecord(String id, String shopId, long ts, String actorType, String actorId, String conv,
                          String ruleId, String ruleName, String action, String excerpt) {
    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(excerpt, "excerpt");
    }
}
