package io.kefu.server.bot;

import java.util.Arrays;

/**
 * One thread's working memory for {@link FaqMatcher#reply}: the folded message, the query's terms and the
 * per-FAQ sums, reused from one message to the next so that matching allocates (almost) nothing. Marks are
 * stamped with a per-query number instead of being cleared. Confined to one thread: {@link FaqBot} keeps
 * one per router lane; a benchmark or a test makes its own.
 */
public final class MatchScratch implements FaqText.TermSink {
    /** Chars of a message the bot reads; the rest of a longer one is ignored. */
    public static final int MAX_QUERY_CHARS = 500;
    private static final int MAX_TERMS = 2 * MAX_QUERY_CHARS;
    private static final int OOV_SLOTS = 4 * MAX_TERMS;

    final char[] text = new char[MAX_QUERY_CHARS];
    int length;

    /** The query's distinct known terms (ids) and the sum of all its terms' weights, unknown ones included. */
    final int[] terms = new int[MAX_TERMS];
    int termCount;
    double queryWeight;

    /** By term id: the stamp of the last query that had the term. */
    int[] termMark = new int[0];
    /** By FAQ: the stamp of the last query that reached it, and what it summed. */
    int[] faqMark = new int[0];
    double[] shared = new double[0];
    int[] touched = new int[0];
    int touchedCount;

    /** The query's terms that no FAQ has, by key: counted once each. */
    private final long[] unknownKeys = new long[OOV_SLOTS];
    private final int[] unknownMark = new int[OOV_SLOTS];

    final int[] best = new int[FaqMatcher.MAX_SUGGESTIONS];
    final double[] bestScore = new double[FaqMatcher.MAX_SUGGESTIONS];
    int bestCount;

    int stamp;
    private FaqMatcher matcher;

    /** Starts a query against {@code m}: a new stamp, arrays large enough for its terms and FAQs. */
    void begin(FaqMatcher m, int termsInIndex, int faqs) {
        matcher = m;
        if (termMark.length < termsInIndex) {
            termMark = Arrays.copyOf(termMark, Math.max(termsInIndex, termMark.length * 2));
        }
        if (faqMark.length < faqs) {
            int n = Math.max(faqs, faqMark.length * 2);
            faqMark = Arrays.copyOf(faqMark, n);
            shared = new double[n];
            touched = new int[n];
        }
        if (++stamp == 0) { // wrapped after 2^32 queries: forget every old mark
            Arrays.fill(termMark, 0);
            Arrays.fill(faqMark, 0);
            Arrays.fill(unknownMark, 0);
            stamp = 1;
        }
        termCount = 0;
        queryWeight = 0;
        touchedCount = 0;
        bestCount = 0;
    }

    void end() {
        matcher = null;
    }

    @Override
    public void term(long key) {
        matcher.queryTerm(this, key);
    }

    /** Whether {@code key} is an unknown term not seen before in this query (and remembers it). */
    boolean firstUnknown(long key) {
        int mask = OOV_SLOTS - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (unknownMark[i] != stamp) {
                unknownMark[i] = stamp;
                unknownKeys[i] = key;
                return true;
            }
            if (unknownKeys[i] == key) {
                return false;
            }
        }
    }

    /** Keeps {@code faq} among the best {@link FaqMatcher#MAX_SUGGESTIONS}; an earlier FAQ wins a tie. */
    void offer(int faq, double score) {
        int at = bestCount;
        while (at > 0 && (bestScore[at - 1] < score || (bestScore[at - 1] == score && best[at - 1] > faq))) {
            at--;
        }
        if (at >= best.length) {
            return;
        }
        int last = Math.min(bestCount, best.length - 1);
        for (int i = last; i > at; i--) {
            best[i] = best[i - 1];
            bestScore[i] = bestScore[i - 1];
        }
        best[at] = faq;
        bestScore[at] = score;
        bestCount = Math.min(bestCount + 1, best.length);
    }
}
