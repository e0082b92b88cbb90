package io.kefu.server.compliance;

import io.kefu.protocol.PartyType;
import io.kefu.protocol.RuleRef;
import io.kefu.server.routing.spi.MessageFilter;
import java.util.concurrent.CompletableFuture;

/**
 * The compliance filter on the message path: agents' messages are checked as {@code agent}, the bot's and the
 * server's own (welcome messages) as {@code bot}, buyers' as {@code buyer}. A match is audited; a buyer's
 * message is only audited (as {@code warn}, whatever the rule's action), never refused or flagged, so the
 * buyer never learns of it. Runs on router lanes; never blocks.
 */
public final class ComplianceMessageFilter implements MessageFilter {
    private final ComplianceFilter filter;

    public ComplianceMessageFilter(ComplianceFilter filter) {
        this.filter = filter;
    }

    @Override
    public Outcome check(String shopId, PartyType from, String fromId, String conv, String text) {
        Sender sender = switch (from) {
            case AGENT -> Sender.AGENT;
            case BUYER -> Sender.BUYER;
            case BOT, SYSTEM -> Sender.BOT;
        };
        Verdict v = filter.check(shopId, sender, text);
        if (v.passed()) {
            return Outcome.PASS;
        }
        if (sender == Sender.BUYER) {
            AuditEntry e = filter.auditEntry(shopId, sender, fromId, conv, v, text);
            filter.audit(e.action() == RuleAction.WARN ? e : new AuditEntry(e.id(), e.shopId(), e.ts(),
                    e.actorType(), e.actorId(), e.conv(), e.ruleId(), e.ruleName(), RuleAction.WARN, e.excerpt()));
            return Outcome.PASS;
        }
        filter.audit(shopId, sender, fromId, conv, v, text);
        if (v instanceof Verdict.Block b) {
            return new Outcome.Block(new RuleRef(b.rule().id(), b.rule().name()));
        }
        Verdict.Warn w = (Verdict.Warn) v;
        return new Outcome.Warn(new RuleRef(w.rule().id(), w.rule().name()));
    }

    @Override
    public CompletableFuture<Void> prepare(String shopId) {
        return filter.prepare(shopId);
    }
}
