package io.kefu.server.bot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a shop's hand-off words in a compact folded text ({@link FaqText}): a word is found where its
 * folded form occurs, except that an end of it that is a Latin letter or digit must not continue a Latin
 * word of the text ({@code agent} is in "an agent please", not in "reagent" or "agents"), since Latin
 * words are short and hide inside others. Longer words are tried first, so "人工客服" is reported rather
 * than "人工". Immutable; any thread; a search allocates nothing.
 */
final class HandoffWords {
    private final char[][] folded;
    private final String[] words;

    HandoffWords(List<String> words) {
        List<String> byLength = new ArrayList<>(words);
        byLength.sort(Comparator.comparingInt((String w) -> FaqText.compact(w).length()).reversed());
        this.words = byLength.toArray(new String[0]);
        this.folded = new char[this.words.length][];
        for (int i = 0; i < this.words.length; i++) {
            folded[i] = FaqText.compact(this.words[i]).toCharArray();
        }
    }

    /** The first hand-off word in {@code text[0..len)}, as the shop wrote it; {@code null} when none. */
    String find(char[] text, int len) {
        for (int w = 0; w < folded.length; w++) {
            if (occurs(folded[w], text, len)) {
                return words[w];
            }
        }
        return null;
    }

    private static boolean occurs(char[] word, char[] text, int len) {
        int last = len - word.length;
        for (int at = 0; at <= last; at++) {
            if (matchesAt(word, text, at) && edgeFree(word[0], text, len, at - 1)
                    && edgeFree(word[word.length - 1], text, len, at + word.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(char[] word, char[] text, int at) {
        for (int i = 0; i < word.length; i++) {
            if (text[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text char at {@code i} (which may be outside it) does not glue a Latin end to a word. */
    private static boolean edgeFree(char end, char[] text, int len, int i) {
        if (FaqText.kind(end) != FaqText.LATIN || i < 0 || i >= len) {
            return true;
        }
        return FaqText.kind(text[i]) != FaqText.LATIN;
    }
}
