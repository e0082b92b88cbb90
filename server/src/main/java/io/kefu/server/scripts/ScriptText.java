package io.kefu.server.scripts;

import java.util.ArrayList;
import java.util.List;

/**
 * How script text is compared in searches: case-insensitive, with full-width ASCII forms (ＡＢＣ１２３，
 * U+FF01..U+FF5E) read as their half-width letters and the ideographic space (U+3000) as a space, so a
 * query typed with a Chinese input method finds what was written with a Latin keyboard and back. Chinese
 * has no spaces between words, so query terms are matched as substrings. Stateless; any thread.
 */
public final class ScriptText {
    private static final char FULL_WIDTH_FIRST = '\uFF01';
    private static final char FULL_WIDTH_LAST = '\uFF5E';
    private static final int FULL_WIDTH_OFFSET = 0xFEE0;
    private static final char IDEOGRAPHIC_SPACE = '\u3000';

    private ScriptText() {
    }

    /** The text folded for comparison; the same instance when nothing changes (most Chinese text). */
    public static String fold(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && folded(text.charAt(i)) == text.charAt(i)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (; i < n; i++) {
            chars[i] = folded(chars[i]);
        }
        return new String(chars);
    }

    private static char folded(char c) {
        if (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) {
            c = (char) (c - FULL_WIDTH_OFFSET);
        } else if (c == IDEOGRAPHIC_SPACE) {
            return ' ';
        }
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
    }

    /** The distinct, non-empty whitespace-separated terms of a folded query, in order. */
    public static List<String> terms(String folded) {
        List<String> terms = new ArrayList<>(2);
        int n = folded.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean space = i == n || Character.isWhitespace(folded.charAt(i))
                    || Character.isSpaceChar(folded.charAt(i));
            if (space && start >= 0) {
                String term = folded.substring(start, i);
                if (!terms.contains(term)) {
                    terms.add(term);
                }
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return terms;
    }

    /** Whether the text has a space of any kind (shortcuts must not). */
    public static boolean hasSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }
}
