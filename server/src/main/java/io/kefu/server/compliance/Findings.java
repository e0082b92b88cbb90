package io.kefu.server.compliance;

/**
 * What one check has found so far: the strongest matching rule (block beats warn) and, among equals, the
 * one that matched earliest in the text. Also the {@link PhraseAutomaton.Sink} that turns phrase matches
 * into findings: it drops rules that do not apply to the sender and matches that split a Latin word or a
 * number ({@code sb} does not match in {@code usb}). Reused scratch: confined to one thread.
 */
final class Findings implements PhraseAutomaton.Sink {
    private Skeleton skeleton;
    private int senderBit;
    private CompiledRules scanning;
    private Rule rule;
    private int start;
    private int end;

    void reset(Skeleton sk, Sender sender) {
        this.skeleton = sk;
        this.senderBit = sender.bit();
        this.scanning = null;
        this.rule = null;
    }

    Skeleton skeleton() {
        return skeleton;
    }

    void scanning(CompiledRules rules) {
        this.scanning = rules;
    }

    @Override
    public void match(int id, int from, int to) {
        if ((scanning.phraseSenderMask(id) & senderBit) != 0 && bounded(from, to)) {
            offer(scanning.phraseRule(id), skeleton.startOf(from), skeleton.endOf(to - 1));
        }
    }

    /** Keeps the rule if it is stronger than, or as strong as and earlier than, what was found before. */
    void offer(Rule r, int from, int to) {
        if (r == null) {
            return;
        }
        int stronger = rule == null ? 1 : r.action().compareTo(rule.action());
        if (stronger > 0 || (stronger == 0 && from < start)) {
            rule = r;
            start = from;
            end = to;
        }
    }

    Verdict verdict() {
        if (rule == null) {
            return Verdict.PASS;
        }
        return rule.action() == RuleAction.BLOCK ? new Verdict.Block(rule, start, end)
                : new Verdict.Warn(rule, start, end);
    }

    /** A match must not start or end inside a run of Latin letters, or of digits. */
    private boolean bounded(int from, int to) {
        char[] c = skeleton.chars;
        byte[] g = skeleton.gaps;
        boolean startOk = from == 0 || g[from] != 0 || !sameClass(c[from - 1], c[from]);
        boolean endOk = to == skeleton.length || g[to] != 0 || !sameClass(c[to - 1], c[to]);
        return startOk && endOk;
    }

    private static boolean sameClass(char a, char b) {
        return (TextNormalizer.isLetter(a) && TextNormalizer.isLetter(b))
                || (TextNormalizer.isDigit(a) && TextNormalizer.isDigit(b));
    }
}
