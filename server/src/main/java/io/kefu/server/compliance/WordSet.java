package io.kefu.server.compliance;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A few short words (aliases, trigger words), folded like the text and tried longest first. Immutable;
 * safe on any thread.
 */
final class WordSet {
    private final char[][] words;
    /** One bit per BMP char that starts a word: most positions are rejected with one look-up. */
    private final long[] firstChars = new long[1024];

    WordSet(String... raw) {
        this.words = Arrays.stream(raw).map(TextNormalizer::fold).filter(w -> !w.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).map(String::toCharArray)
                .toArray(char[][]::new);
        for (char[] w : words) {
            firstChars[w[0] >>> 6] |= 1L << w[0];
        }
    }

    /** The length of the longest word that the skeleton reads at {@code k}, or 0. */
    int at(Skeleton sk, int k) {
        if (k >= sk.length || (firstChars[sk.chars[k] >>> 6] & (1L << sk.chars[k])) == 0) {
            return 0;
        }
        for (char[] w : words) {
            if (sk.startsWith(k, w)) {
                return w.length;
            }
        }
        return 0;
    }

    /**
     * Whether a word starts in the {@code width} chars from {@code from}, within one sentence: a line break
     * or sentence end closes the window.
     */
    boolean startsWithin(Skeleton sk, int from, int width) {
        for (int k = from; k < from + width && k < sk.length; k++) {
            if ((sk.gaps[k] & TextNormalizer.HARD) != 0) {
                return false;
            }
            if (at(sk, k) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The length of the longest word that ends exactly at {@code end} (exclusive), or 0. */
    int endingAt(Skeleton sk, int end) {
        for (char[] w : words) {
            int s = end - w.length;
            if (s >= 0 && sk.startsWith(s, w)) {
                return w.length;
            }
        }
        return 0;
    }

    /** Whether folded char {@code c} is one of the one-char words. */
    boolean containsChar(char c) {
        for (char[] w : words) {
            if (w.length == 1 && w[0] == c) {
                return true;
            }
        }
        return false;
    }
}
