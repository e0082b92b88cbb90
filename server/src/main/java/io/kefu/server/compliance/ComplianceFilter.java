package io.kefu.server.compliance;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The compliance filter the message path calls (contract §8): {@link #check} says whether a message may go
 * out, {@link #audit} records what a rule blocked or warned about.
 *
 * <p><b>Checking</b> runs in memory on the caller's thread (a router lane) and never blocks: the text is
 * folded once into a skeleton ({@link TextNormalizer}), the platform's and the shop's phrase rules are found
 * in one Aho–Corasick pass each, and the contact kinds some applicable rule asks for are looked for by
 * their detectors. A clean message allocates nothing; the folding buffers are per thread.
 *
 * <p><b>Loading</b>: the platform's rules (built-in ones at once, stored ones after
 * {@link #loadPlatformRules()}) and each shop's rules are held compiled in memory. A shop's rules are read
 * from the store on first use, on the store executor: <b>until they are in memory, a check of that shop's
 * messages applies the platform's rules only</b>. A caller that must not let a message through on platform
 * rules alone awaits {@link #prepare} first (routing does when it takes a shop on). A rule change through
 * {@link ComplianceRules} rebuilds the rule set before the change is acknowledged, so the next check sees it.
 *
 * <p><b>Auditing</b>: {@link #auditEntry} masks the contact details in an excerpt of the message (on the
 * caller's thread, only for a message a rule matched); {@link #audit} queues the entry for the
 * {@link AuditWriter}, which writes batches on its own thread. Neither blocks.
 *
 * <p>Thread-safe.
 */
public final class ComplianceFilter {
    /** How many shops' rule sets are kept in memory; beyond that the least used are dropped and reloaded. */
    public static final int DEFAULT_MAX_SHOPS = 100_000;

    private final RuleCache rules;
    private final ContactDetectors detectors;
    private final AuditWriter auditWriter;
    private final IdGenerator ids;
    private final Clock clock;
    /** The folding buffers of each checking thread (router lanes are few and long-lived). */
    private final ThreadLocal<CheckScratch> scratch = ThreadLocal.withInitial(() -> new CheckScratch(256));

    public ComplianceFilter(ComplianceStore store, StoreExecutor storeExecutor, AuditWriter auditWriter,
                            IdGenerator ids, Clock clock, DomainAllowlist allowlist, int maxShops) {
        this.rules = new RuleCache(store, storeExecutor, maxShops);
        this.detectors = new ContactDetectors(Objects.requireNonNull(allowlist, "allowlist"));
        this.auditWriter = Objects.requireNonNull(auditWriter, "auditWriter");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ComplianceFilter(ComplianceStore store, StoreExecutor storeExecutor, AuditWriter auditWriter,
                            IdGenerator ids, Clock clock) {
        this(store, storeExecutor, auditWriter, ids, clock, DomainAllowlist.NONE, DEFAULT_MAX_SHOPS);
    }

    /**
     * Checks a message of {@code senderType} ({@code agent}, {@code bot} or {@code buyer}); any other type
     * is an {@link IllegalArgumentException}.
     */
    public Verdict check(String shopId, String senderType, String text) {
        Sender sender = Sender.fromWire(senderType).orElseThrow(() -> new IllegalArgumentException(
                "senderType must be agent, bot or buyer, was '" + senderType + "'"));
        return check(shopId, sender, text);
    }

    /** Checks a message: {@link Verdict#PASS}, or the strongest, earliest matching rule with its span. */
    public Verdict check(String shopId, Sender sender, String text) {
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        CompiledRules platform = rules.platform();
        CompiledRules shop = rules.shop(shopId);
        CheckScratch s = scratchFor(text.length());
        TextNormalizer.normalize(text, s.skeleton);
        Findings f = s.findings;
        f.reset(s.skeleton, sender);
        platform.scanPhrases(f);
        shop.scanPhrases(f);
        int kinds = platform.contactKinds(sender) | shop.contactKinds(sender);
        for (int k = 0; kinds != 0; k++, kinds >>>= 1) {
            if ((kinds & 1) != 0) {
                ContactKind kind = ContactKind.of(k);
                if (detectors.find(kind, s.skeleton, 0, s.match, shopId)) {
                    f.offer(CompiledRules.stronger(platform.contactRule(sender, kind), shop.contactRule(sender, kind)),
                            s.match.start, s.match.end);
                }
            }
        }
        Verdict v = f.verdict();
        s.skeleton.text = null;
        return v;
    }

    /**
     * Completes when the platform's stored rules and the shop's rules are in memory, so that {@link #check}
     * applies all of them. Completes on a store thread (or at once when they are loaded): continue on your
     * own executor. Fails when the store could not be read; asking again retries.
     */
    public CompletableFuture<Void> prepare(String shopId) {
        return rules.prepare(shopId);
    }

    /** Whether the shop's rules are in memory (a check applies them). */
    public boolean ready(String shopId) {
        return rules.shopLoaded(shopId);
    }

    /** Starts loading the platform's stored rules (once, at start-up); until then the built-in rules apply. */
    public CompletableFuture<Void> loadPlatformRules() {
        return rules.loadPlatform();
    }

    /**
     * The audit entry for a message that {@code verdict} (a {@link Verdict.Warn} or {@link Verdict.Block})
     * matched: a new id, the clock's time and a masked excerpt of {@code text} around the match.
     */
    public AuditEntry auditEntry(String shopId, Sender actor, String actorId, String conv, Verdict verdict,
                                 String text) {
        Rule rule;
        int start;
        int end;
        if (verdict instanceof Verdict.Block b) {
            rule = b.rule();
            start = b.start();
            end = b.end();
        } else if (verdict instanceof Verdict.Warn w) {
            rule = w.rule();
            start = w.start();
            end = w.end();
        } else {
            throw new IllegalArgumentException("only a blocked or warned message is audited");
        }
        return new AuditEntry(ids.next(), shopId, clock.millis(), actor, actorId, conv, rule.id(), rule.name(),
                rule.action(), Excerpts.of(text, start, end, detectors, shopId));
    }

    /** Queues the entry for writing; never blocks. An entry that finds the queue full is dropped and counted. */
    public void audit(AuditEntry entry) {
        auditWriter.offer(entry);
    }

    /** {@link #auditEntry} then {@link #audit}. */
    public void audit(String shopId, Sender actor, String actorId, String conv, Verdict verdict, String text) {
        audit(auditEntry(shopId, actor, actorId, conv, verdict, text));
    }

    /** After a change of the platform's rules: reads and installs them. On a store thread. */
    void reloadPlatform() {
        rules.reloadPlatform();
    }

    /** After a change of a shop's rules: reads and installs them. On a store thread. */
    void reloadShop(String shopId) {
        rules.reloadShop(shopId);
    }

    /** The platform's rules in force: built-in first. */
    java.util.List<Rule> platformRules() {
        return rules.platform().rules();
    }

    private CheckScratch scratchFor(int length) {
        CheckScratch s = scratch.get();
        if (length <= s.skeleton.capacity()) {
            return s;
        }
        if (length > Skeleton.MAX_KEPT_CAPACITY) {
            return new CheckScratch(length);
        }
        CheckScratch grown = new CheckScratch(Math.min(Skeleton.MAX_KEPT_CAPACITY,
                Math.max(length, s.skeleton.capacity() * 2)));
        scratch.set(grown);
        return grown;
    }

    /** One thread's buffers for a check. */
    private static final class CheckScratch {
        final Skeleton skeleton;
        final Findings findings = new Findings();
        final ContactMatch match = new ContactMatch();

        CheckScratch(int capacity) {
            this.skeleton = new Skeleton(capacity);
        }
    }
}
