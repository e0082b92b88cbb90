package io.kefu.server.scripts;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The characters and the pairs of adjacent characters of some texts, each as a 256-bit Bloom-style set
 * (one bit per UTF-16 char, one per pair). A text can hold a term only if its signature has every bit of
 * the term's, so a search skips most scripts that cannot match without reading them. Pairs matter for
 * Chinese: the characters of 退款 are in many bodies that never say 退款, the pair is not. There are no
 * false negatives; false positives are settled by {@link String#contains}. Immutable; any thread.
 */
final class CharSignature {
    static final CharSignature EMPTY = new CharSignature(new long[8]);

    private final long c0;
    private final long c1;
    private final long c2;
    private final long c3;
    private final long p0;
    private final long p1;
    private final long p2;
    private final long p3;

    private CharSignature(long[] bits) {
        this.c0 = bits[0];
        this.c1 = bits[1];
        this.c2 = bits[2];
        this.c3 = bits[3];
        this.p0 = bits[4];
        this.p1 = bits[5];
        this.p2 = bits[6];
        this.p3 = bits[7];
    }

    /** The characters of all the texts ({@code null}s are skipped); pairs never span two texts. */
    static CharSignature of(String... texts) {
        return of(Arrays.stream(texts).filter(Objects::nonNull).toList());
    }

    static CharSignature of(List<String> texts) {
        long[] bits = new long[8];
        for (String t : texts) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                set(bits, (c * 0x9E3779B1) >>> 24);
                if (i > 0) {
                    set(bits, 256 + (((t.charAt(i - 1) * 31 + c) * 0x9E3779B1) >>> 24));
                }
            }
        }
        return new CharSignature(bits);
    }

    private static void set(long[] bits, int bit) {
        bits[bit >>> 6] |= 1L << bit;
    }

    /** Whether every character and pair of {@code wanted} may be here. */
    boolean mayHoldAll(CharSignature wanted) {
        return (wanted.c0 & ~c0) == 0 && (wanted.c1 & ~c1) == 0 && (wanted.c2 & ~c2) == 0 && (wanted.c3 & ~c3) == 0
                && (wanted.p0 & ~p0) == 0 && (wanted.p1 & ~p1) == 0 && (wanted.p2 & ~p2) == 0
                && (wanted.p3 & ~p3) == 0;
    }
}
