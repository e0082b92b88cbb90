package io.kefu.server.compliance;

/**
 * What the filter says about one message: {@link Pass}, or the rule that matched with what it does —
 * {@link Warn} (deliver, with {@code warning: {rule}} on the sender's {@code ok}) or {@link Block} (refuse
 * with {@code blocked_content} and {@code rule: {id, name}}). {@code start} and {@code end} (exclusive) are
 * the matched span as indexes into the checked text. Immutable.
 */
public sealed interface Verdict permits Verdict.Pass, Verdict.Warn, Verdict.Block {
    /** The one pass verdict: checking a clean message allocates nothing. */
    Pass PASS = new Pass();

    /** Nothing matched. */
    record Pass() implements Verdict {
    }

    /** A {@code warn} rule matched (and no {@code block} rule did). */
    record Warn(Rule rule, int start, int end) implements Verdict {
    }

    /** A {@code block} rule matched. */
    record Block(Rule rule, int start, int end) implements Verdict {
    }

    default boolean passed() {
        return this instanceof Pass;
    }

    default boolean blocked() {
        return this instanceof Block;
    }
}
