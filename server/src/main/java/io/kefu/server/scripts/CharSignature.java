package io.kefu.server.scripts;

import java.util.List;

/**
 * The characters of a text as a 256-bit Bloom-style set: each UTF-16 char sets one bit. A text can hold a
 * term only if its signature has every bit of the term's, so a search skips most scripts that cannot
 * match without reading them (a Chinese body of ~60 distinct characters sets about a fifth of the bits,
 * so a two-character term it lacks passes the test about once in twenty). False positives are then
 * settled by {@link String#contains}; there are no false negatives. Immutable; any thread.
 */
final class CharSignature {
    static final CharSignature EMPTY = new CharSignature(new long[4]);

    private final long b0;
    private final long b1;
    private final long b2;
    private final long b3;

    private CharSignature(long[] bits) {
        this.b0 = bits[0];
        this.b1 = bits[1];
        this.b2 = bits[2];
        this.b3 = bits[3];
    }

    /** The characters of all the texts ({@code null}s are skipped). */
    static CharSignature of(String... texts) {
        return of(java.util.Arrays.stream(texts).filter(java.util.Objects::nonNull).toList());
    }

    static CharSignature of(List<String> texts) {
        long[] bits = new long[4];
        for (String t : texts) {
            for (int i = 0; i < t.length(); i++) {
                int bit = (t.charAt(i) * 0x9E3779B1) >>> 24;
                bits[bit >>> 6] |= 1L << bit;
            }
        }
        return new CharSignature(bits);
    }

    /** Whether every character of {@code wanted} may be here. */
    boolean mayHoldAll(CharSignature wanted) {
        return (wanted.b0 & ~b0) == 0 && (wanted.b1 & ~b1) == 0 && (wanted.b2 & ~b2) == 0 && (wanted.b3 & ~b3) == 0;
    }
}
