package io.kefu.server.compliance;

/**
 * The normalised form of one text that the matchers read: its letters, digits and ideographs, folded
 * ({@link TextNormalizer}), with where each came from in the original and what was skipped before it.
 * Reused: one per thread, refilled by {@link TextNormalizer#normalize} for every check, so it grows to the
 * longest text seen (up to {@link #MAX_KEPT_CAPACITY}; a longer text gets a throw-away one).
 * Confined to one thread.
 */
final class Skeleton {
    /** Beyond this many chars the buffers are not kept for the next check. */
    static final int MAX_KEPT_CAPACITY = 16_384;

    /** The original text. */
    String text;
    /** The folded chars: ASCII letters lower-cased, digits in every script as ASCII digits. */
    char[] chars;
    /** For each folded char, the index of the char (or surrogate pair) it came from in {@link #text}. */
    int[] origin;
    /** For each folded char, the {@link TextNormalizer} gap flags of what was skipped just before it. */
    byte[] gaps;
    /** How many folded chars there are. */
    int length;

    Skeleton(int capacity) {
        chars = new char[capacity];
        origin = new int[capacity];
        gaps = new byte[capacity];
    }

    int capacity() {
        return chars.length;
    }

    /** Where folded char {@code k} starts in the original text. */
    int startOf(int k) {
        return origin[k];
    }

    /** Where folded char {@code k} ends (exclusive) in the original text: after a whole surrogate pair. */
    int endOf(int k) {
        int o = origin[k];
        return Character.isHighSurrogate(text.charAt(o)) && o + 1 < text.length() ? o + 2 : o + 1;
    }

    /** The first folded char that comes from {@code originalIndex} or later; {@link #length} if none. */
    int indexAtOrAfter(int originalIndex) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (origin[mid] < originalIndex) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the folded text at {@code k} reads {@code word} (which is folded already). */
    boolean startsWith(int k, char[] word) {
        if (k + word.length > length) {
            return false;
        }
        for (int j = 0; j < word.length; j++) {
            if (chars[k + j] != word[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether anything in {@code gaps[from..to]} (inclusive) has one of {@code flags}. */
    boolean anyGap(int from, int to, int flags) {
        for (int k = Math.max(from, 0); k <= to && k < length; k++) {
            if ((gaps[k] & flags) != 0) {
                return true;
            }
        }
        return false;
    }
}
