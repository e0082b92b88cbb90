package io.kefu.server.compliance;

import io.kefu.server.store.AuditRecord;
import java.util.Objects;

/**
 * One audit log entry: a message that {@code ruleId} blocked or warned about, who sent it in which
 * conversation, and a masked excerpt ({@link ComplianceFilter#auditEntry} makes one; the full contact detail
 * never gets here). {@code actorId} and {@code conv} may be {@code null}. Immutable.
 */
public record AuditEntry(String id, String shopId, long ts, Sender actorType, String actorId, String conv,
                         String ruleId, String ruleName, RuleAction action, String excerpt) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(excerpt, "excerpt");
    }

    AuditRecord toRecord() {
        return new AuditRecord(id, shopId, ts, actorType.wire(), actorId, conv, ruleId, ruleName, action.wire(),
                excerpt);
    }

    static AuditEntry fromRecord(AuditRecord r) {
        return new AuditEntry(r.id(), r.shopId(), r.ts(),
                Sender.fromWire(r.actorType()).orElseThrow(() -> new IllegalArgumentException(
                        "audit entry " + r.id() + " has an unknown actor type '" + r.actorType() + "'")),
                r.actorId(), r.conv(), r.ruleId(), r.ruleName(),
                RuleAction.fromWire(r.action()).orElseThrow(() -> new IllegalArgumentException(
                        "audit entry " + r.id() + " has an unknown action '" + r.action() + "'")),
                r.excerpt());
    }
}
