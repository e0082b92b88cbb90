package io.kefu.server.compliance;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rule set (the platform's, or one shop's) made ready to check: its phrase rules in one
 * {@link PhraseAutomaton} over their folded patterns and variants, its contact rules as the strongest rule
 * per (sender, contact kind). Built off the hot path (on a store thread) whenever the rules change; immutable
 * afterwards and read by any number of checking threads.
 */
final class CompiledRules {
    private static final Logger log = LoggerFactory.getLogger(CompiledRules.class);
    private static final int SENDERS = Sender.values().length;
    private static final int KINDS = ContactKind.values().length;

    static final CompiledRules NONE = compile(List.of());

    private final List<Rule> rules;
    private final Rule[] phraseRules;
    private final int[] phraseSenderMasks;
    private final PhraseAutomaton phrases;
    private final Rule[] contactRules = new Rule[SENDERS * KINDS];
    private final int[] contactKinds = new int[SENDERS];

    private CompiledRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        List<Rule> phraseList = rules.stream().filter(r -> r.type() == RuleType.PHRASE).toList();
        this.phraseRules = phraseList.toArray(Rule[]::new);
        this.phraseSenderMasks = phraseList.stream().mapToInt(r -> Sender.mask(r.appliesTo())).toArray();
        PhraseAutomaton.Builder builder = new PhraseAutomaton.Builder();
        for (int i = 0; i < phraseRules.length; i++) {
            builder.add(TextNormalizer.fold(phraseRules[i].pattern()), i);
            for (String v : phraseRules[i].variants()) {
                builder.add(TextNormalizer.fold(v), i);
            }
        }
        this.phrases = builder.build();
        for (Rule r : rules) {
            r.contactKind().ifPresent(kind -> {
                for (Sender s : r.appliesTo()) {
                    int at = s.ordinal() * KINDS + kind.ordinal();
                    contactRules[at] = stronger(contactRules[at], r);
                    contactKinds[s.ordinal()] |= kind.bit();
                }
            });
        }
    }

    /** Compiles the rules, in their order (earlier rules win ties). */
    static CompiledRules compile(List<Rule> rules) {
        long started = System.nanoTime();
        CompiledRules compiled = new CompiledRules(rules);
        if (rules.size() >= 1_000) {
            log.info("Compiled {} compliance rules in {} ms", rules.size(), (System.nanoTime() - started) / 1_000_000);
        }
        return compiled;
    }

    List<Rule> rules() {
        return rules;
    }

    /** Offers every phrase match for {@code f}'s sender to {@code f}. */
    void scanPhrases(Findings f) {
        if (!phrases.isEmpty()) {
            f.scanning(this);
            phrases.scan(f.skeleton(), f);
        }
    }

    Rule phraseRule(int index) {
        return phraseRules[index];
    }

    int phraseSenderMask(int index) {
        return phraseSenderMasks[index];
    }

    /** The contact kinds (bits) some rule checks for this sender. */
    int contactKinds(Sender sender) {
        return contactKinds[sender.ordinal()];
    }

    /** The strongest contact rule of this kind for this sender, or null. */
    Rule contactRule(Sender sender, ContactKind kind) {
        return contactRules[sender.ordinal() * KINDS + kind.ordinal()];
    }

    /** The stronger rule: block beats warn; on a tie the first one. Either may be null. */
    static Rule stronger(Rule a, Rule b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.action().compareTo(a.action()) > 0 ? b : a;
    }
}
